//! A route finder over a small map of towns joined by roads.
//!
//! One command per line on stdin: `road A B` opens a road between two towns,
//! `close A B` closes it, `route A B` prints the shortest route (fewest roads),
//! `from A` lists the towns that can be reached from A, `roads` counts the open
//! roads. The search returns `Option`: `None` when there is no route, or when a
//! town is not on the map.

use std::io::{self, BufRead};

const TOWNS: [&str; 8] = ["ash", "birch", "cedar", "elm", "fir", "hazel", "oak", "yew"];

/// The index of a town on the map.
fn town(name: &str) -> Option<usize> {
    TOWNS.iter().position(|&t| t == name)
}

struct Map {
    /// For every town, the towns one road away.
    next: Vec<Vec<usize>>,
}

impl Map {
    fn new() -> Map {
        let mut next = Vec::new();
        for _ in 0..TOWNS.len() {
            next.push(Vec::new());
        }
        Map { next }
    }

    fn is_road(&self, a: usize, b: usize) -> bool {
        self.next[a].contains(&b)
    }

    fn open(&mut self, a: usize, b: usize) -> bool {
        if a == b || self.is_road(a, b) {
            return false;
        }
        self.next[a].push(b);
        self.next[b].push(a);
        true
    }

    fn close(&mut self, a: usize, b: usize) -> bool {
        match (self.next[a].iter().position(|&t| t == b), self.next[b].iter().position(|&t| t == a)) {
            (Some(i), Some(j)) => {
                self.next[a].remove(i);
                self.next[b].remove(j);
                true
            }
            _ => false,
        }
    }

    fn roads(&self) -> usize {
        self.next.iter().map(|n| n.len()).sum::<usize>() / 2
    }

    /// Breadth-first search: the towns on a shortest route from `from` to `to`, both
    /// included, or `None` when no road leads there.
    fn find_route(&self, from: usize, to: usize) -> Option<Vec<usize>> {
        let mut came_from: Vec<Option<usize>> = vec![None; TOWNS.len()];
        let mut seen = vec![false; TOWNS.len()];
        let mut queue = Vec::new();
        queue.push(from);
        seen[from] = true;
        let mut head = 0;
        while head < queue.len() {
            let at = queue[head];
            head += 1;
            if at == to {
                break;
            }
            for &t in self.next[at].iter() {
                if !seen[t] {
                    seen[t] = true;
                    came_from[t] = Some(at);
                    queue.push(t);
                }
            }
        }
        if !seen[to] {
            return None;
        }
        let mut route = Vec::new();
        let mut at = to;
        route.push(at);
        while let Some(before) = came_from[at] {
            route.push(before);
            at = before;
        }
        route.reverse();
        Some(route)
    }

    /// The route between two towns given by name.
    fn route(&self, a: &str, b: &str) -> Option<Vec<usize>> {
        let from = town(a)?;
        let to = town(b)?;
        self.find_route(from, to)
    }

    /// Every town a route leads to from `from`, in map order.
    fn reachable(&self, from: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for t in 0..TOWNS.len() {
            if t != from && self.find_route(from, t).is_some() {
                out.push(t);
            }
        }
        out
    }
}

fn main() {
    let mut map = Map::new();
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["road", a, b] | ["close", a, b] => match (town(a), town(b)) {
                (Some(x), Some(y)) => {
                    if words[0] == "road" {
                        if map.open(x, y) {
                            println!("road {} - {} opened", a, b);
                        } else {
                            println!("road {} - {}: already open", a, b);
                        }
                    } else if map.close(x, y) {
                        println!("road {} - {} closed", a, b);
                    } else {
                        println!("road {} - {}: no such road", a, b);
                    }
                }
                _ => println!("unknown town in: {}", line),
            },
            ["route", a, b] => match map.route(a, b) {
                Some(route) => {
                    print!("route:");
                    for (i, &t) in route.iter().enumerate() {
                        if i > 0 {
                            print!(" ->");
                        }
                        print!(" {}", TOWNS[t]);
                    }
                    println!(" ({} roads)", route.len() - 1);
                }
                None => println!("no route from {} to {}", a, b),
            },
            ["from", a] => match town(a) {
                Some(x) => {
                    let towns = map.reachable(x);
                    print!("from {}: {} towns", a, towns.len());
                    for &t in towns.iter() {
                        print!(" {}", TOWNS[t]);
                    }
                    println!();
                }
                None => println!("unknown town: {}", a),
            },
            ["roads"] => println!("{} roads open", map.roads()),
            [] => {}
            _ => println!("unknown command: {}", line),
        }
    }
}
