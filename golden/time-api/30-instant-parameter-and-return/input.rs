//! Instants passed to and returned from functions, and a `let` annotated with the type.
use std::time;

fn begin() -> time::Instant {
    let t = time::Instant::now();
    println!("starting");
    t
}

fn since(start: time::Instant) -> u64 {
    start.elapsed().as_millis() as u64
}

fn between(a: time::Instant, b: time::Instant) -> i64 {
    (b - a).as_nanos() as i64
}

fn main() {
    let start: time::Instant = begin();
    let mid = time::Instant::now();
    println!("{} ms", since(start));
    println!("{} ns", between(start, mid));
    println!("{} ms", since(time::Instant::now()));
}
