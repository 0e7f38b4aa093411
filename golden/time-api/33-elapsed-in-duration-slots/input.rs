//! A `Duration` field, parameter and return that only hold elapsed times become `Delta`;
//! a `Duration` that is only a value stays.
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
struct Lap {
    took: Duration,
}

struct Run {
    start: Instant,
    pause: Duration,
}

impl Run {
    fn new() -> Run {
        Run { start: Instant::now(), pause: Duration::from_millis(1) }
    }

    fn lap(&self) -> Lap {
        Lap { took: self.start.elapsed() }
    }

    fn since(&self) -> Duration {
        self.start.elapsed()
    }
}

fn report(took: Duration) -> u64 {
    took.as_millis() as u64
}

fn main() {
    let run = Run::new();
    let lap = run.lap();
    if lap.took > Duration::from_millis(5) {
        println!("slow lap: {} ms", report(run.since()));
    }
    println!("pause {:?}", run.pause);
}
