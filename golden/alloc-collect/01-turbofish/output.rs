fn doubled(xs: &[u32]) -> usize {
    let v = xs.iter().map(|x| x * 2).try_collect(GFP_KERNEL)?;
    let w = xs.iter().copied().try_collect(GFP_KERNEL)?;
    v.len() + w.len()
}
