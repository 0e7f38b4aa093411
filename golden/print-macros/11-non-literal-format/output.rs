const MSG: &str = "hello";

fn main() {
    println!(concat!("a", "b"));
    pr_err!("{}\n", MSG);
}
