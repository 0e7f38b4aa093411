fn f(xs: &[u8]) -> usize {
    xs.len()
}
