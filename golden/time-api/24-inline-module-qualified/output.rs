mod clock {

    pub fn ms() -> i64 {
        let t = kernel::time::Instant::<kernel::time::Monotonic>::now();
        kernel::time::delay::fsleep(kernel::time::Delta::from_millis(2));
        t.elapsed().as_millis() as i64
    }
}
