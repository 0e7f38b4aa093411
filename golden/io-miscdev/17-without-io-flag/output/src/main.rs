use std::io::{self, BufRead};

fn main() {
    let mut n: u32 = 0;
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        n += 1;
        println!("{} {}", n, line);
    }
}
