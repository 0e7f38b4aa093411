//! Page lists, as a print dialog or `cut -f` takes them: `1-3,7,10-12`.
//!
//! One command per line on stdin: `expand LIST` prints every page of the list
//! in order, `count LIST` how many different pages it names, `merge LIST` the
//! same pages as the shortest list, `both LIST LIST` the pages the two lists
//! have in common. The parser returns `Option`: `None` for a malformed list
//! (an empty part, a number that does not parse, a range that runs backwards
//! or one longer than `MAX_RANGE` pages).

use std::io::{self, BufRead};

/// The longest range a list may hold, in pages.
const MAX_RANGE: u32 = 1000;

/// One part of a list: `7` or `10-12`, as (first, last).
fn parse_part(part: &str) -> Option<(u32, u32)> {
    let part = part.trim();
    let (first, last) = match part.split_once('-') {
        Some((a, b)) => (a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?),
        None => {
            let page = part.parse::<u32>().ok()?;
            (page, page)
        }
    };
    if first > last || last - first >= MAX_RANGE {
        return None;
    }
    Some((first, last))
}

/// Every page a list names, sorted, without repeats; `None` when the list is malformed.
fn parse_list(text: &str) -> Option<Vec<u32>> {
    let mut pages: Vec<u32> = Vec::new();
    for part in text.split(',') {
        let (first, last) = parse_part(part)?;
        for page in first..=last {
            pages.push(page);
        }
    }
    pages.sort();
    let mut unique = Vec::with_capacity(pages.len());
    for &page in pages.iter() {
        if unique.last() != Some(&page) {
            unique.push(page);
        }
    }
    Some(unique)
}

/// Sorted pages as (first, last) runs of consecutive pages.
fn runs(pages: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &page in pages.iter() {
        match out.last_mut() {
            Some(run) if run.1 + 1 == page => run.1 = page,
            _ => out.push((page, page)),
        }
    }
    out
}

/// The pages two sorted lists share.
fn common(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(a[i]);
            i += 1;
            j += 1;
        } else if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn main() {
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (cmd, rest) = line.split_once(' ').unwrap_or((line, ""));
        match cmd {
            "expand" => match parse_list(rest) {
                Some(pages) => {
                    print!("{} pages:", pages.len());
                    for page in pages.iter() {
                        print!(" {}", page);
                    }
                    println!();
                }
                None => println!("not a page list: {}", rest),
            },
            "count" => match parse_list(rest) {
                Some(pages) => println!("{} pages", pages.len()),
                None => println!("not a page list: {}", rest),
            },
            "merge" => match parse_list(rest) {
                Some(pages) => {
                    let merged = runs(&pages);
                    print!("merged:");
                    for (i, run) in merged.iter().enumerate() {
                        let sep = if i == 0 { " " } else { "," };
                        if run.0 == run.1 {
                            print!("{}{}", sep, run.0);
                        } else {
                            print!("{}{}-{}", sep, run.0, run.1);
                        }
                    }
                    println!();
                }
                None => println!("not a page list: {}", rest),
            },
            "both" => {
                let lists: Vec<&str> = rest.split_whitespace().collect();
                if lists.len() != 2 {
                    println!("both needs two lists");
                    continue;
                }
                match (parse_list(lists[0]), parse_list(lists[1])) {
                    (Some(a), Some(b)) => {
                        let shared = common(&a, &b);
                        println!("{} pages in both of {} and {}", shared.len(), a.len(), b.len());
                    }
                    _ => println!("not two page lists: {}", rest),
                }
            }
            _ => println!("unknown command: {}", cmd),
        }
    }
}
