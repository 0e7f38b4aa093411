use std::io::{stdin, BufRead};

fn main() {
    let mut n: u8 = 0;
    for line in stdin().lock().lines() {
        let text = match line {
            Ok(l) => l,
            Err(_) => break,
        };
        n = n.wrapping_add(1);
        print!("{n}:{text};");
    }
    println!();
}
