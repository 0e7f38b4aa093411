use kernel::time::{Delta, Instant, Monotonic};

fn slow(budget_ms: u32) -> bool {
    let t = Instant::<Monotonic>::now();
    let spent = t.elapsed();
    if spent.is_zero() {
        return false;
    }
    spent > Delta::from_millis(u64::from(budget_ms) as i64) || t.elapsed() >= Delta::from_secs(2)
}
