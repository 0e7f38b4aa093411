pub fn evens(n: u32) -> Vec<u32> {
    (0..n).filter(|x| x % 2 == 0).collect()
}
