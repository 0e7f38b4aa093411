struct Stats {
    total: i64,
}

impl Stats {
    fn ratio(&self) -> f32 {
        self.total as f32
    }

    fn count(&self) -> i64 {
        self.total
    }
}

fn std_dev(xs: &[i64]) -> f64 {
    xs.len() as f64
}

fn report(xs: &[i64], s: &Stats) {
    println!("stddev: {:.2}", std_dev(xs));
    println!("{} {}", s.count(), s.ratio());
    let text = format!("{}", crate::std_dev(xs));
    // Converted before formatting: not reported here (the cast is).
    println!("{}", std_dev(xs) as i64);
    println!("{}", text);
}
