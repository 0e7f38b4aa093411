//! A word counter: counts the words of every line it reads.
//!
//! Commands instead of text: `top N` prints the N most frequent words,
//! `count WORD` one word's count, `ignore WORD` stops counting a word,
//! `recent` shows the last lines counted, `stats` the totals.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, BufRead};

/// How many counted lines `recent` shows.
const RECENT: usize = 3;

struct Counter {
    counts: HashMap<String, u32>,
    ignored: HashSet<String>,
    recent: VecDeque<String>,
    total: u32,
}

impl Counter {
    fn new() -> Counter {
        Counter { counts: HashMap::new(), ignored: HashSet::new(), recent: VecDeque::new(), total: 0 }
    }

    fn add_line(&mut self, line: &str) {
        for word in line.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() || self.ignored.contains(word) {
                continue;
            }
            *self.counts.entry(word.to_string()).or_insert(0) += 1;
            self.total += 1;
        }
        self.recent.push_back(line.to_string());
        if self.recent.len() > RECENT {
            self.recent.pop_front();
        }
    }

    /// Stops counting `word`, and forgets what it counted; returns how many that was.
    fn ignore(&mut self, word: &str) -> u32 {
        self.ignored.insert(word.to_string());
        match self.counts.remove(word) {
            Some(n) => {
                self.total -= n;
                n
            }
            None => 0,
        }
    }

    fn count(&self, word: &str) -> u32 {
        match self.counts.get(word) {
            Some(n) => *n,
            None => 0,
        }
    }

    /// The `n` most frequent words, most frequent first; ties in alphabetical order.
    fn top(&self, n: usize) -> Vec<String> {
        let mut pairs: Vec<(&String, &u32)> = self.counts.iter().collect();
        pairs.sort_unstable_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut rows = Vec::new();
        for (word, count) in pairs.into_iter().take(n) {
            rows.push(format!("{:>4} {}", count, word));
        }
        rows
    }
}

fn main() {
    let mut counter = Counter::new();
    for line in io::stdin().lock().lines() {
        let line = match line {
            Ok(line) => line,
            Err(_) => break,
        };
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next()) {
            (Some("top"), Some(n)) => match n.parse::<usize>() {
                Ok(n) => {
                    for row in counter.top(n) {
                        println!("{}", row);
                    }
                }
                Err(_) => println!("top needs a number, not {}", n),
            },
            (Some("count"), Some(word)) => {
                let n = counter.count(word);
                println!("{}: {}", word, n);
            }
            (Some("ignore"), Some(word)) => {
                let n = counter.ignore(word);
                println!("ignoring {} ({} forgotten)", word, n);
            }
            (Some("recent"), None) => {
                for (i, text) in counter.recent.iter().enumerate() {
                    println!("{}. {}", i + 1, text);
                }
            }
            (Some("stats"), None) => {
                let summary = format!("{} words, {} different", counter.total, counter.counts.len());
                println!("{}", summary);
            }
            _ => counter.add_line(&line),
        }
    }
}
