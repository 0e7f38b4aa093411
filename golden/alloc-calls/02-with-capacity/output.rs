fn make(n: usize) -> Vec<u8> {
    let mut a = Vec::with_capacity(n, GFP_KERNEL)?;
    let b = Vec::<u16>::with_capacity(4, GFP_KERNEL)?;
    let c = std::vec::Vec::<u32>::with_capacity(n * 2, GFP_KERNEL)?;
    a.push(0, GFP_KERNEL)?;
    drop((b, c));
    a
}
