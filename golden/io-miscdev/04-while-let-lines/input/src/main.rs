use std::io::{self, BufRead};

#[derive(Default)]
struct Tally {
    yes: u32,
}

fn main() {
    let mut tally = Tally::default();
    let mut t = Tally { yes: 0 };
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    while let Some(Ok(line)) = lines.next() {
        match line.trim() {
            "y" => tally.yes += 1,
            "q" => break,
            _ => {
                t.yes += 1;
                println!("? {}", line);
                continue;
            }
        }
        println!("yes: {}", tally.yes);
    }
    println!("bye after {} yes, {} other", tally.yes, t.yes);
}
