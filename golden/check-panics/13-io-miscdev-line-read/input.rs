// With --io miscdev the line reads of main's stdin loop leave the port, so they are
// not reported; other unwraps are.
use std::io::{self, BufRead};

fn main() {
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let n: u32 = line.trim().parse().unwrap();
        println!("{}", n);
    }
    loop {
        let mut buf = String::new();
        if stdin.read_line(&mut buf).unwrap() == 0 {
            break;
        }
    }
}

fn helper(lines: Vec<Result<String, ()>>) {
    for line in lines {
        let line = line.unwrap();
        println!("{}", line);
    }
}
