use std::time::Instant;

fn report(ms: u128) {}

fn f() {
    let t = Instant::now();
    let ms: u128 = t.elapsed().as_millis();
    report(t.elapsed().as_millis());
    let secs = t.elapsed().as_secs();
    println!("{:?} {}", t.elapsed(), t.elapsed().subsec_millis());
}
