use std::io::{self, BufRead};

fn main() {
    let mut total: u32 = 0;
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        let total = total + line.len() as u32;
        println!("{}", total);
    }
    println!("{}", total);
}
