// The crate defines `join` and `repeat` itself: its calls are not std's.
struct Team {
    n: usize,
}

impl Team {
    fn join(&mut self, _who: &str) {
        self.n += 1;
    }
    fn repeat(&self, k: usize) -> usize {
        self.n * k
    }
}

fn f(t: &mut Team) -> usize {
    let mut team = make();
    team.join("ann");
    t.join("bob");
    t.repeat(2)
}
