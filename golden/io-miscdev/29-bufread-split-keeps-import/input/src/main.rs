//! Must not drop `BufRead`: a helper calls `BufRead::split` (its argument is a byte,
//! not a char or a string), which still needs the trait in scope.
use std::io::{self, BufRead};

fn records(r: impl BufRead) -> usize {
    r.split(b';').count()
}

fn main() {
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        println!("{} records", records(line.as_bytes()));
    }
}
