use std::io::{self, BufRead};

struct Session {
    n: u32,
}

fn main() {
    let mut s = Session { n: 0 };
    for line in io::stdin().lock().lines() {
        let _line = line.unwrap();
        s.n += 1;
    }
}
