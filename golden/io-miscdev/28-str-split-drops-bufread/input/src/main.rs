//! Sum comma-separated numbers, one list per line. The helpers split with
//! `str::split`, so `BufRead` is only the input loop's and goes with it.
use std::io::{self, BufRead};

fn sum(list: &str) -> Option<u64> {
    let mut total = 0;
    for part in list.split(',') {
        total += part.trim().parse::<u64>().ok()?;
    }
    Some(total)
}

fn words(text: &str) -> usize {
    text.split(|c: char| c == ';' || c == ' ').filter(|w| !w.is_empty()).count() + text.split("--").count()
}

fn main() {
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        match sum(&line) {
            Some(total) => println!("{} ({} words)", total, words(&line)),
            None => println!("not a list"),
        }
    }
}
