fn load() -> Vec<u32> {
    Vec::new()
}

fn sorted() {
    let mut xs: Vec<u32> = load();
    xs.sort();
    xs.sort_by(|a, b| b.cmp(a));
}
