fn evens(xs: &[u32]) {
    let e: Vec<u32> = xs.iter().filter(|x| *x % 2 == 0).copied().collect();
    let f: Vec<_> = (0..10).collect();
}
