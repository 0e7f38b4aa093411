use std::thread::sleep;
use std::time::Duration;

fn pause(d: Duration) {
    sleep(d);
    kernel::time::delay::fsleep(kernel::time::Delta::from_nanos(500));
    sleep(Duration::new(1, 0));
    kernel::time::delay::fsleep(kernel::time::Delta::from_millis(5));
}
