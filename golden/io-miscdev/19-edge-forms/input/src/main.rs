//! Edge forms: a lines binding as the iterable, a multi-line string, a nested
//! fn, a tail expression, `return;` after the loop.
mod util;

use std::io::{self, BufRead};

fn main() {
    let mut seen: u64 = 0;
    let banner: &'static str = "start";
    let lines = std::io::stdin().lock().lines();
    for line in lines {
        let line = line.expect("a line");
        fn shout(s: &str) -> usize {
            let seen = s.len();
            seen
        }
        seen += shout(&line) as u64;
        println!(
            "seen {} after
{}",
            seen, banner
        );
        // the end of the body
        util::tick()
    }
    if seen == 0 {
        return;
    }
    println!("{seen} bytes");
}
