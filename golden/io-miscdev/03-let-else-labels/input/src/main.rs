use std::io::{stdin, BufRead};

fn main() {
    let mut words: u32 = 0;
    'input: for line in stdin().lock().lines() {
        let Ok(line) = line else { break };
        for w in line.split(' ') {
            if w == "stop" {
                break 'input;
            }
            if w.is_empty() {
                break;
            }
            words += 1;
        }
        let check = |n: u32| -> bool {
            if n > 100 {
                return false;
            }
            true
        };
        if !check(words) {
            return;
        }
        println!("{} words", words);
    }
}
