use std::io::{self, BufRead};

fn run() -> usize {
    io::stdin().lock().lines().count()
}

fn main() {
    let n = run();
    println!("{}", n);
}
