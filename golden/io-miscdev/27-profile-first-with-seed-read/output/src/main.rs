// On a profile without the misc device API, K1009 comes first: the input read in two places (K1002 on mainline) is not the decision to make here.
use std::io::{self, BufRead};

fn main() {
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let seed: usize = match lines.next() {
        Some(Ok(line)) => line.trim().parse().unwrap_or(0),
        _ => 0,
    };
    let mut n: usize = seed;
    while let Some(Ok(line)) = lines.next() {
        n += line.len();
        println!("{}", n);
    }
}
