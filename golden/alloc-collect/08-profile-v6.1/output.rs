fn squares(n: u32) -> Vec<u32> {
    (0..n).map(|i| i * i).try_collect()?
}
