use std::thread;
use std::time::Duration;

fn pace(ticks: u32, step: usize) {
    let wait = Duration::from_millis((step * 3) as u64);
    for _ in 0..ticks {
        thread::sleep(wait);
    }
    let tick = Duration::from_secs(1);
    thread::sleep(tick);
    // `kept` is also compared: it stays a Duration and the sleep is reported.
    let kept = Duration::from_millis(
        // a comment inside the arguments
        20,
    );
    thread::sleep(kept);
    if kept > Duration::from_millis(10) {
        thread::sleep(Duration::from_millis(
            // the comment is not an argument
            5,
        ));
    }
}
