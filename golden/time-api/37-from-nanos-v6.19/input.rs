use std::thread;
use std::time::{Duration, Instant};

fn spin() -> bool {
    let start = Instant::now();
    thread::sleep(Duration::from_nanos(500));
    start.elapsed() > Duration::from_nanos(100)
}
