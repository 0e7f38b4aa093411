//! A `Duration` field that holds an elapsed time and a constant: reported, nothing converted.
use std::time::{Duration, Instant};

struct Stats {
    longest: Duration,
}

fn measure(stats: &mut Stats) {
    let start = Instant::now();
    stats.longest = start.elapsed();
}

fn reset(stats: &mut Stats) {
    stats.longest = Duration::ZERO;
}
