use my_platform as std;

fn f() {
    std::io::print("not the standard library");
}
