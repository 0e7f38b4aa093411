use std::io::{self, BufRead};

fn main() {
    let mut seen = Vec::new();
    let (mut a, mut b) = (0u8, 1u8);
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        seen.push(line.len());
        a += b;
        b += 1;
    }
    println!("{:?} {} {}", seen, a, b);
}
