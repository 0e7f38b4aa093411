const MSG: &str = "hello";

fn main() {
    println!(concat!("a", "b"));
    eprintln!("{}", MSG);
}
