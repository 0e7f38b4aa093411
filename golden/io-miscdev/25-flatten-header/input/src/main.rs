use std::io::{self, BufRead};

fn main() {
    let stdin = io::stdin();
    let mut count: usize = 0;
    for line in stdin.lock().lines().flatten() {
        count += line.len();
        println!("{count}");
    }
}
