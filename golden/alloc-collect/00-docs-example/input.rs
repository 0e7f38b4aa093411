fn evens(xs: &[u32]) {
    let evens: Vec<u32> = xs.iter().filter(|x| *x % 2 == 0).copied().collect();
}
