use kernel::time::{Instant, Monotonic};

fn a() -> i64 {
    let t = Instant::<Monotonic>::now();
    t.elapsed().as_millis() as i64
}

fn b() -> i64 {
    let t = Instant::<Monotonic>::now();
    t.elapsed().as_millis() as i64
}

fn c() -> i64 {
    let t = Instant::<Monotonic>::now();
    t.elapsed().as_millis() as i64
}
