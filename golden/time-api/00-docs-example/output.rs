use kernel::time::{delay::fsleep, Delta, Instant, Monotonic};

fn wait() {
    let start = Instant::<Monotonic>::now();
    fsleep(Delta::from_millis(10));
    if start.elapsed() > Delta::from_secs(1) {
        println!("slow: {} ms", start.elapsed().as_millis());
    }
}
