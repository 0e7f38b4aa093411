use std::thread;
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(250);

fn main() {
    let start = Instant::now();
    for round in 0..3 {
        thread::sleep(Duration::from_millis(100));
        println!("round {} after {} ms", round, start.elapsed().as_millis());
    }
    println!("tick is {} ms", TICK.as_millis());
}
