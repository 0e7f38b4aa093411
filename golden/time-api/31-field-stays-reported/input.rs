//! Instant fields kport must not convert: a derive the kernel's Instant does
//! not give, an `Option<Instant>`, and a field also filled from elsewhere.
use std::time::Instant;

#[derive(Debug, Hash, Clone)]
struct Seen {
    at: Instant,
}

struct Retry {
    last: Option<Instant>,
}

trait Clock {
    fn read(&self) -> Instant;
}

struct Job {
    queued: Instant,
}

fn stamp() -> Seen {
    Seen { at: Instant::now() }
}

fn retry(r: &mut Retry) {
    r.last = Some(Instant::now());
}

fn job(clock: &dyn Clock) -> Job {
    Job { queued: clock.read() }
}

fn age(j: &Job) -> u64 {
    j.queued.elapsed().as_millis() as u64
}
