//! A key-value store driven by commands, one per line on stdin.
//!
//! `set KEY VALUE` stores a value (the value is the rest of the line),
//! `get KEY` prints it, `del KEY` removes it, `append KEY TEXT` adds to the
//! end of a value (an absent key starts empty), `incr KEY` counts up a
//! number kept as text, `keys` lists the keys in order, `dump` prints every
//! pair, `stats` the totals.

use std::collections::HashMap;
use std::io::{self, BufRead};

/// The longest key `set` accepts, in bytes.
const MAX_KEY: usize = 16;

struct Store {
    values: HashMap<String, String>,
    /// How many commands changed the store.
    writes: u32,
}

impl Store {
    fn new() -> Store {
        Store { values: HashMap::new(), writes: 0 }
    }

    /// Stores `value` under `key`; returns the value it replaced.
    fn set(&mut self, key: &str, value: &str) -> Option<String> {
        self.writes += 1;
        self.values.insert(key.to_string(), value.to_string())
    }

    fn get(&self, key: &str) -> Option<&String> {
        self.values.get(key)
    }

    fn del(&mut self, key: &str) -> Option<String> {
        let old = self.values.remove(key);
        if old.is_some() {
            self.writes += 1;
        }
        old
    }

    /// Adds `text` to the end of the value of `key`; returns the new length.
    fn append(&mut self, key: &str, text: &str) -> usize {
        self.writes += 1;
        let value = self.values.entry(key.to_string()).or_default();
        value.push_str(text);
        value.len()
    }

    /// Counts the number under `key` up by one (an absent key counts from 0); `None`
    /// when the value there is not a number.
    fn incr(&mut self, key: &str) -> Option<u64> {
        let now = match self.values.get(key) {
            Some(v) => v.parse::<u64>().ok()? + 1,
            None => 1,
        };
        self.set(key, &now.to_string());
        Some(now)
    }

    /// The keys, in order.
    fn keys(&self) -> Vec<&String> {
        let mut keys: Vec<&String> = self.values.keys().collect();
        keys.sort_unstable();
        keys
    }

    fn stats(&self) -> String {
        let mut bytes = 0;
        for value in self.values.values() {
            bytes += value.len();
        }
        format!("{} keys, {} bytes of values, {} writes", self.values.len(), bytes, self.writes)
    }
}

fn main() {
    let mut store = Store::new();
    for line in io::stdin().lock().lines() {
        let line = match line {
            Ok(line) => line,
            Err(_) => break,
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (cmd, rest) = line.split_once(' ').unwrap_or((line, ""));
        let (key, value) = rest.split_once(' ').unwrap_or((rest, ""));
        match cmd {
            "set" if key.is_empty() => println!("set needs a key"),
            "set" if key.len() > MAX_KEY => println!("key too long: {} bytes (at most {})", key.len(), MAX_KEY),
            "set" => match store.set(key, value) {
                Some(old) => println!("{} = {} (was {})", key, value, old),
                None => println!("{} = {} (new)", key, value),
            },
            "get" => match store.get(key) {
                Some(v) => println!("{}", v),
                None => println!("{}: not set", key),
            },
            "del" => match store.del(key) {
                Some(old) => println!("deleted {} ({})", key, old),
                None => println!("{}: not set", key),
            },
            "append" => {
                let len = store.append(key, value);
                println!("{}: {} bytes", key, len);
            }
            "incr" => match store.incr(key) {
                Some(n) => println!("{} = {}", key, n),
                None => println!("error: {} is not a number", key),
            },
            "keys" => {
                let keys = store.keys();
                if keys.is_empty() {
                    println!("(empty)");
                }
                for (i, k) in keys.iter().enumerate() {
                    println!("{}. {}", i + 1, k);
                }
            }
            "dump" => {
                for k in store.keys() {
                    if let Some(v) = store.get(k) {
                        println!("{} = {}", k, v);
                    }
                }
            }
            "stats" => {
                let summary = store.stats();
                println!("{}", summary);
            }
            _ => println!("unknown command: {}", cmd),
        }
    }
}
