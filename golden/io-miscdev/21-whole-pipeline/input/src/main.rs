//! Count the words people type, one line at a time.
use std::io::{self, BufRead};

fn main() {
    let mut lengths: Vec<usize> = Vec::new();
    let mut lines_seen: u32 = 0;
    println!("Type words; an empty line ends.");
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        if line.is_empty() {
            break;
        }
        lines_seen += 1;
        for w in line.split_whitespace() {
            lengths.push(w.len());
        }
        println!("{} words so far", lengths.len());
    }
    println!("{lines_seen} lines, {} words", lengths.len());
}
