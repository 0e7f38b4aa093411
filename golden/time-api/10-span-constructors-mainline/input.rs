use std::time::{Duration, Instant};

fn slow(budget_ms: u32) -> bool {
    let t = Instant::now();
    let spent = t.elapsed();
    if spent.is_zero() {
        return false;
    }
    spent > Duration::from_millis(u64::from(budget_ms)) || t.elapsed() >= Duration::from_secs(2)
}
