fn fill(v: &mut KVec<u32>, n: u32) -> Result {
    for i in 0..n {
        v.push(i, GFP_KERNEL)?;
    }
    Ok(())
}

fn total(n: u32) -> Result<u32> {
    let mut v = KVec::new();
    fill(&mut v, n)?;
    Ok(v.iter().sum())
}
