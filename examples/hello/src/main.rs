//! A tiny greeter: the first program kport ports.

mod greet;

fn main() {
    println!("Hello, {}!", greet::name());
    for i in 1..=3 {
        print!("{} ", i);
    }
    println!();
    greet::shout("ready");
    eprintln!(r"done: C:\temp");
}
