use std::fs;
use std::io::{self, BufRead};

fn main() {
    let mut found: u32 = 0;
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        let text = fs::read_to_string(&line).unwrap_or_default();
        found += text.len() as u32;
        println!("{}", found);
    }
}
