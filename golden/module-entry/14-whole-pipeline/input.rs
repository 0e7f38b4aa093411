//! Counts to three.

fn main() {
    for i in 1..=3 {
        println!("{}", i);
    }
    eprintln!("done");
}
