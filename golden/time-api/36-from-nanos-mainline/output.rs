use kernel::time::{delay::fsleep, Delta, Instant, Monotonic};

fn spin() -> bool {
    let start = Instant::<Monotonic>::now();
    fsleep(Delta::from_nanos(500));
    start.elapsed() > Delta::from_nanos(100)
}
