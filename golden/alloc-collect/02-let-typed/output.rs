fn evens(xs: &[u32]) {
    let e: Vec<u32> = xs.iter().filter(|x| *x % 2 == 0).copied().try_collect(GFP_KERNEL)?;
    let f: Vec<_> = (0..10).try_collect(GFP_KERNEL)?;
}
