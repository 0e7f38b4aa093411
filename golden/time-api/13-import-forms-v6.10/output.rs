use kernel::time::Ktime;

fn a() -> i64 {
    let t = Ktime::ktime_get();
    (Ktime::ktime_get() - t).to_ms() as i64
}

fn b() -> i64 {
    let t = Ktime::ktime_get();
    (Ktime::ktime_get() - t).to_ms() as i64
}

fn c() -> i64 {
    let t = Ktime::ktime_get();
    (Ktime::ktime_get() - t).to_ms() as i64
}
