fn f(n: usize) -> Result<KVec<u8>> {
    let mut v = KVec::with_capacity(n, GFP_KERNEL)?;
    v.push(1, GFP_KERNEL)?;
    let b = KBox::new(2, GFP_KERNEL)?;
    v.extend_from_slice(&[*b], GFP_KERNEL)?;
    Ok(v)
}
