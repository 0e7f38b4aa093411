use std::io::{self, BufRead};

fn main() {
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line.unwrap();
        println!("{} {}", n, line);
    }
}
