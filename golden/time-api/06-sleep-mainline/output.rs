use kernel::time::{delay::fsleep, Delta};

const PAUSE_MS: u64 = 20;

fn pause(rounds: u32) {
    fsleep(Delta::from_millis(10));
    fsleep(Delta::from_secs(1));
    fsleep(Delta::from_micros((PAUSE_MS * 1000) as i64));
    for _ in 0..rounds {
        fsleep(Delta::from_millis(PAUSE_MS as i64));
    }
}
