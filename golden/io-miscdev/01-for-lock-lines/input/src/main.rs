//! Walk around a cave.
use std::io::{self, BufRead};

struct Cave {
    here: usize,
}

impl Cave {
    fn new() -> Cave {
        Cave { here: 0 }
    }

    fn go(&mut self, dir: &str) -> Option<&'static str> {
        match dir {
            "n" => {
                self.here += 1;
                Some("a tunnel")
            }
            _ => None,
        }
    }
}

fn main() {
    let mut cave = Cave::new();
    let mut moves: u32 = 0;
    println!("You wake up in a dark cave. Go n, s, e or w; quit to stop.");
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let cmd = line.trim();
        if cmd == "quit" {
            break;
        }
        if cmd.is_empty() {
            continue;
        }
        moves += 1;
        match cave.go(cmd) {
            Some(room) => println!("You are in {}.", room),
            None => println!("You can't go that way."),
        }
        print!("moves: {moves}");
        println!();
    }
    println!("You made {} moves.", moves);
}
