fn build(n: usize, name: &str) -> usize {
    let empty = String::new();
    let mut buf = String::with_capacity(n);
    let copy = String::from(name);
    let d = String::default();
    let wide = String::with_capacity(
        n * 2,
    );
    buf.len() + empty.len() + copy.len() + d.len() + wide.len()
}
