use std::time::Instant;

struct Timer {
    start: Instant,
}

fn started() -> Timer {
    Timer { start: Instant::now() }
}

fn local() {
    // Convertible on its own, but the file's Instants are converted together.
    let t = Instant::now();
    println!("{}", t.elapsed().as_millis());
}
