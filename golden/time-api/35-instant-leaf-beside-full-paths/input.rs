// The `Instant` leaf of the group goes on the first run: its uses are full paths and an alias (found by the fuzz suite: it went only on a second run).
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};use std::time;
use std::time::Instant as Clock;

fn a() -> i64 {
    let t = std::time::Instant::now();
    t.elapsed().as_millis() as i64
}

fn b() -> i64 {
    let t = time::Instant::now();
    t.elapsed().as_millis() as i64
}

fn c() -> i64 {
    let t = Clock::now();
    t.elapsed().as_millis() as i64
}
