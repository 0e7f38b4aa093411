fn load() -> Vec<u32> {
    Vec::new()
}

fn sorted() {
    let mut xs: Vec<u32> = load();
    xs.sort_unstable();
    xs.sort_unstable_by(|a, b| b.cmp(a));
}
