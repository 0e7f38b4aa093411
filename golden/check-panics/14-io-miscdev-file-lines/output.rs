// With --io miscdev, only reads of standard input leave the port: the same loop
// shapes over a file's lines keep their reports.
use std::fs::File;
use std::io::{BufRead, BufReader};

fn main() {
    let file = BufReader::new(File::open("words.txt").unwrap());
    for line in file.lines() {
        let line = line.unwrap();
        println!("{}", line);
    }
    let mut lines = BufReader::new(File::open("more.txt").unwrap()).lines();
    while let Some(line) = lines.next() {
        let line = line.unwrap();
        println!("{}", line);
    }
}
