struct Sample {
    value: f32,
}

fn ratio(used: u64, total: u64) -> f64 {
    used as f64 / total as f64
}

fn limits() -> u32 {
    (f32::MAX as u32) + (core::f64::consts::PI as u32)
}
