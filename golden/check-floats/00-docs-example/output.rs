fn usage(used: u64, total: u64) -> f64 {
    let ratio = used as f64 / total as f64 * 100.0;
    ratio
}
