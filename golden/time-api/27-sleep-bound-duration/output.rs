use std::thread;
use std::time::Duration;

fn pace(ticks: u32, step: usize) {
    let wait = kernel::time::Delta::from_millis((step * 3) as i64);
    for _ in 0..ticks {
        kernel::time::delay::fsleep(wait);
    }
    let tick = kernel::time::Delta::from_secs(1);
    kernel::time::delay::fsleep(tick);
    // `kept` is also compared: it stays a Duration and the sleep is reported.
    let kept = Duration::from_millis(
        // a comment inside the arguments
        20,
    );
    thread::sleep(kept);
    if kept > Duration::from_millis(10) {
        kernel::time::delay::fsleep(kernel::time::Delta::from_millis(
            // the comment is not an argument
            5,
        ));
    }
}
