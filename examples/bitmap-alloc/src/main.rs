//! A bitmap page allocator simulator.
//!
//! Reads commands from stdin: `alloc N` (first fit of N contiguous pages),
//! `free ID`, `show`, `stats`. Each allocation gets an id; the bitmap is a
//! vector of 64-bit words, one bit per page.

use std::io::{self, BufRead};

const PAGES: usize = 128;
const WORD_BITS: usize = 64;

struct Bitmap {
    words: Vec<u64>,
    pages: usize,
}

impl Bitmap {
    fn new(pages: usize) -> Bitmap {
        let n = (pages + WORD_BITS - 1) / WORD_BITS;
        Bitmap { words: vec![0; n], pages }
    }

    fn test(&self, page: usize) -> bool {
        self.words[page / WORD_BITS] & (1 << (page % WORD_BITS)) != 0
    }

    fn set_range(&mut self, start: usize, len: usize, used: bool) {
        for page in start..start + len {
            let (w, b) = (page / WORD_BITS, page % WORD_BITS);
            if used {
                self.words[w] |= 1 << b;
            } else {
                self.words[w] &= !(1 << b);
            }
        }
    }

    fn find_free(&self, len: usize) -> Option<usize> {
        let mut run = 0;
        for page in 0..self.pages {
            if self.test(page) {
                run = 0;
            } else {
                run += 1;
                if run == len {
                    return Some(page + 1 - len);
                }
            }
        }
        None
    }

    fn used(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn largest_free_run(&self) -> usize {
        let (mut best, mut run) = (0, 0);
        for page in 0..self.pages {
            if self.test(page) {
                run = 0;
            } else {
                run += 1;
                best = best.max(run);
            }
        }
        best
    }
}

#[derive(Clone, Copy)]
struct Allocation {
    id: u32,
    start: usize,
    len: usize,
}

struct Allocator {
    map: Bitmap,
    live: Vec<Allocation>,
    next_id: u32,
}

impl Allocator {
    fn alloc(&mut self, len: usize) -> Option<u32> {
        if len == 0 {
            return None;
        }
        let start = self.map.find_free(len)?;
        self.map.set_range(start, len, true);
        let id = self.next_id;
        self.next_id += 1;
        self.live.push(Allocation { id, start, len });
        Some(id)
    }

    fn free(&mut self, id: u32) -> bool {
        match self.live.iter().position(|a| a.id == id) {
            Some(i) => {
                let a = self.live.remove(i);
                self.map.set_range(a.start, a.len, false);
                true
            }
            None => false,
        }
    }

    fn show(&self) {
        let mut row = String::with_capacity(64);
        for page in 0..self.map.pages {
            row.push(if self.map.test(page) { '#' } else { '.' });
            if row.len() == 64 {
                println!("{}", row);
                row.clear();
            }
        }
        if !row.is_empty() {
            println!("{}", row);
        }
    }

    fn stats(&self) {
        let used = self.map.used();
        println!(
            "used {}/{} pages ({}%), {} live allocations, largest free run {}",
            used,
            self.map.pages,
            used * 100 / self.map.pages,
            self.live.len(),
            self.map.largest_free_run()
        );
        let mut by_size = self.live.clone();
        by_size.sort_by(|a, b| b.len.cmp(&a.len).then(a.id.cmp(&b.id)));
        for a in by_size.iter().take(3) {
            println!("  #{}: {} pages at {}", a.id, a.len, a.start);
        }
    }
}

fn main() {
    let mut a = Allocator { map: Bitmap::new(PAGES), live: Vec::new(), next_id: 1 };
    for line in io::stdin().lock().lines() {
        let line = line.expect("read error");
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["alloc", n] => match n.parse::<usize>() {
                Ok(n) => match a.alloc(n) {
                    Some(id) => println!("alloc {} -> #{}", n, id),
                    None => println!("alloc {} -> out of memory", n),
                },
                Err(e) => println!("bad size {}: {}", n, e),
            },
            ["free", id] => {
                let id: u32 = id.parse().unwrap();
                if !a.free(id) {
                    println!("free #{}: no such allocation", id);
                }
            }
            ["show"] => a.show(),
            ["stats"] => a.stats(),
            [] => {}
            _ => println!("unknown command: {}", line),
        }
    }
}
