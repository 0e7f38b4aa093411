mod timer;

fn main() {
    let t = timer::Timer::start();
    println!("{} ms", t.started.elapsed().as_millis());
}
