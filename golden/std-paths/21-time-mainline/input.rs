use std::time::{Duration, Instant};

fn wait() -> Duration {
    let t = Instant::now();
    let _now = std::time::SystemTime::now();
    std::time::Duration::from_millis(5) + t.elapsed()
}
