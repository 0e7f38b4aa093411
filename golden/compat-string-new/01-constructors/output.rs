fn build(n: usize, name: &str) -> usize {
    let empty = KString::new();
    let mut buf = KString::with_capacity(n, GFP_KERNEL)?;
    let copy = KString::try_from(name)?;
    let d = KString::default();
    let wide = KString::with_capacity(
        n * 2, GFP_KERNEL,
    )?;
    buf.len() + empty.len() + copy.len() + d.len() + wide.len()
}
