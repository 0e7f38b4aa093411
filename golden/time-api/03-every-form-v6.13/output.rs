//! Every Instant form time-api follows, in one function.
use kernel::time::Ktime;

fn measure(n: u64) -> u64 {
    let mut round = Ktime::ktime_get();
    let start = Ktime::ktime_get();
    let mut total = 0;
    for i in 0..n {
        total += i;
        round = Ktime::ktime_get();
    }
    let end = Ktime::ktime_get();
    let took = end - start;
    let again = end - start;
    println!("took {} ms, {} ns", took.to_ms(), again.to_ns());
    let ms = (Ktime::ktime_get() - round).to_ms() as u64;
    if (Ktime::ktime_get() - start).to_ns() > 1000 {
        println!("more than a microsecond");
    }
    total + ms
}
