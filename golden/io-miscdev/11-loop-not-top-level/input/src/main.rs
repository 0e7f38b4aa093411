use std::io::{self, BufRead};

fn main() {
    let verbose = true;
    if verbose {
        for line in io::stdin().lock().lines() {
            let line = line.unwrap();
            println!("{}", line);
        }
    }
}
