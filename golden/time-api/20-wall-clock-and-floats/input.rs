use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn stamp() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn rate(frames: u64) -> u64 {
    let t = Instant::now();
    let secs = t.elapsed().as_secs_f64();
    let tick = Duration::from_secs_f64(0.5);
    frames * tick.as_millis() as u64 + std::time::SystemTime::UNIX_EPOCH.elapsed().is_ok() as u64 + secs as u64
}
