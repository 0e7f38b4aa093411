const PAGE: usize = 4096;

fn pages(bytes: usize) -> usize {
    let a = bytes / PAGE;
    let b = bytes % 512;
    let c = bytes / (2 * PAGE);
    let d = bytes / core::mem::size_of::<u64>();
    let e = bytes.checked_div(a).unwrap_or(0);
    a + b + c + d + e
}

fn ratio(used: f64, total: f64, n: u32) -> f64 {
    let scale = 2.0;
    used / total + (n as f64) / scale + used / (n as f64 - 1.0)
}
