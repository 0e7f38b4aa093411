//! An Instant kept in a struct field, timed with `elapsed()`.
use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
struct Lap {
    start: Instant,
    count: u32,
}

impl Lap {
    fn new() -> Self {
        Lap { start: Instant::now(), count: 0 }
    }

    fn restart(&mut self) {
        self.start = Instant::now();
        self.count += 1;
    }

    fn over(&self, budget_ms: u64) -> bool {
        self.start.elapsed() > Duration::from_millis(budget_ms)
    }

    fn took_ms(&self, end: Instant) -> u64 {
        end.duration_since(self.start).as_millis() as u64
    }
}

fn main() {
    let mut lap = Lap::new();
    let end = Instant::now();
    lap.restart();
    if lap.over(10) {
        println!("slow: {} ms", lap.took_ms(end));
    }
    println!("{} ms since the lap", lap.start.elapsed().as_millis());
}
