fn doubled(xs: &[u32]) -> usize {
    let v = xs.iter().map(|x| x * 2).collect::<Vec<_>>();
    let w = xs.iter().copied().collect::<Vec<u32>>();
    v.len() + w.len()
}
