use kernel::time::{Instant, Monotonic};

struct Timer {
    start: Instant<Monotonic>,
}

fn started() -> Timer {
    Timer { start: Instant::<Monotonic>::now() }
}

fn local() {
    // Convertible on its own, but the file's Instants are converted together.
    let t = Instant::<Monotonic>::now();
    println!("{}", t.elapsed().as_millis());
}
