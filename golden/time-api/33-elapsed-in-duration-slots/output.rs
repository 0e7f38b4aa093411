//! A `Duration` field, parameter and return that only hold elapsed times become `Delta`;
//! a `Duration` that is only a value stays.
use std::time::Duration;
use kernel::time::{Delta, Instant, Monotonic};

#[derive(Debug, Clone, Copy)]
struct Lap {
    took: Delta,
}

struct Run {
    start: Instant<Monotonic>,
    pause: Duration,
}

impl Run {
    fn new() -> Run {
        Run { start: Instant::<Monotonic>::now(), pause: Duration::from_millis(1) }
    }

    fn lap(&self) -> Lap {
        Lap { took: self.start.elapsed() }
    }

    fn since(&self) -> Delta {
        self.start.elapsed()
    }
}

fn report(took: Delta) -> u64 {
    took.as_millis() as u64
}

fn main() {
    let run = Run::new();
    let lap = run.lap();
    if lap.took > Delta::from_millis(5) {
        println!("slow lap: {} ms", report(run.since()));
    }
    println!("pause {:?}", run.pause);
}
