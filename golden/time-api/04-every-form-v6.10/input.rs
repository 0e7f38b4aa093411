//! Every Instant form time-api follows, in one function.
use std::time::Instant;

fn measure(n: u64) -> u64 {
    let mut round = Instant::now();
    let start = Instant::now();
    let mut total = 0;
    for i in 0..n {
        total += i;
        round = Instant::now();
    }
    let end = Instant::now();
    let took = end.duration_since(start);
    let again = end - start;
    println!("took {} ms, {} ns", took.as_millis(), again.as_nanos());
    let ms = round.elapsed().as_millis() as u64;
    if start.elapsed().as_nanos() > 1000 {
        println!("more than a microsecond");
    }
    total + ms
}
