use std::thread;
use std::time::Duration;

const PAUSE_MS: u64 = 20;

fn pause(rounds: u32) {
    thread::sleep(Duration::from_millis(10));
    std::thread::sleep(std::time::Duration::from_secs(1));
    thread::sleep(Duration::from_micros(PAUSE_MS * 1000));
    for _ in 0..rounds {
        thread::sleep(Duration::from_millis(PAUSE_MS));
    }
}
