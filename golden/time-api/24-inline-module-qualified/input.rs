mod clock {
    use std::time::Instant;

    pub fn ms() -> i64 {
        let t = Instant::now();
        std::thread::sleep(std::time::Duration::from_millis(2));
        t.elapsed().as_millis() as i64
    }
}
