use std::time::{Duration, Instant};
use std::thread;

fn wait() {
    let start = Instant::now();
    thread::sleep(Duration::from_millis(10));
    if start.elapsed() > Duration::from_secs(1) {
        println!("slow: {} ms", start.elapsed().as_millis());
    }
}
