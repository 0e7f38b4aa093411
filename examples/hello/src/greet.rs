/// The name to greet.
pub fn name() -> &'static str {
    "kernel"
}

pub fn shout(s: &str) {
    println!("{}!!", s);
}
