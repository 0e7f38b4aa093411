//! An Instant kept in a struct field, timed with `elapsed()`.
use kernel::time::{Delta, Instant, Monotonic};

#[derive(Clone, Copy)]
struct Lap {
    start: Instant<Monotonic>,
    count: u32,
}

impl Lap {
    fn new() -> Self {
        Lap { start: Instant::<Monotonic>::now(), count: 0 }
    }

    fn restart(&mut self) {
        self.start = Instant::<Monotonic>::now();
        self.count += 1;
    }

    fn over(&self, budget_ms: u64) -> bool {
        self.start.elapsed() > Delta::from_millis(budget_ms as i64)
    }

    fn took_ms(&self, end: Instant<Monotonic>) -> u64 {
        (end - self.start).as_millis() as u64
    }
}

fn main() {
    let mut lap = Lap::new();
    let end = Instant::<Monotonic>::now();
    lap.restart();
    if lap.over(10) {
        println!("slow: {} ms", lap.took_ms(end));
    }
    println!("{} ms since the lap", lap.start.elapsed().as_millis());
}
