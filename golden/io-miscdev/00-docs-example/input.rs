use std::io::{self, BufRead};

fn main() {
    let mut moves: u32 = 0;
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        if line == "quit" { break; }
        moves += 1;
        println!("{} moves", moves);
    }
}
