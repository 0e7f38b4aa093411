fn squares(n: u32) -> Vec<u32> {
    let mut v = Vec::new();
    (0..n).for_each(|i| v.push(i * i));
    v
}
