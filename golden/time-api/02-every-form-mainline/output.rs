//! Every Instant form time-api follows, in one function.
use kernel::time::{Instant, Monotonic};

fn measure(n: u64) -> u64 {
    let mut round = Instant::<Monotonic>::now();
    let start = Instant::<Monotonic>::now();
    let mut total = 0;
    for i in 0..n {
        total += i;
        round = Instant::<Monotonic>::now();
    }
    let end = Instant::<Monotonic>::now();
    let took = end - start;
    let again = end - start;
    println!("took {} ms, {} ns", took.as_millis(), again.as_nanos());
    let ms = round.elapsed().as_millis() as u64;
    if start.elapsed().as_nanos() > 1000 {
        println!("more than a microsecond");
    }
    total + ms
}
