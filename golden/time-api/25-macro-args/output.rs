use std::time::Instant;

fn f() {
    let t = Instant::now();
    println!("{} ms", t.elapsed().as_millis());
    assert!(t.elapsed().as_nanos() > 0, "took {}", t.elapsed().as_nanos());
    log_it!(t);
}
