pub fn squares(xs: &[u32]) -> Vec<u32> {
    xs.iter().map(|x| x * x).collect()
}
