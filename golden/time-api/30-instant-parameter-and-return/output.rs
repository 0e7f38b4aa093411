//! Instants passed to and returned from functions, and a `let` annotated with the type.
use kernel::time::{Instant, Monotonic};

fn begin() -> Instant<Monotonic> {
    let t = Instant::<Monotonic>::now();
    println!("starting");
    t
}

fn since(start: Instant<Monotonic>) -> u64 {
    start.elapsed().as_millis() as u64
}

fn between(a: Instant<Monotonic>, b: Instant<Monotonic>) -> i64 {
    (b - a).as_nanos() as i64
}

fn main() {
    let start: Instant<Monotonic> = begin();
    let mid = Instant::<Monotonic>::now();
    println!("{} ms", since(start));
    println!("{} ns", between(start, mid));
    println!("{} ms", since(Instant::<Monotonic>::now()));
}
