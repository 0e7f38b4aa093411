fn collect(n: u32, out: &mut KVec<u32>) -> Result {
    if n == 0 {
        return Ok(());
    }
    out.push(n, GFP_KERNEL)?;
    collect(n - 1, out)?;
    Ok(())
}

fn depth(n: u32, out: &mut KVec<u32>) -> Result<u32> {
    if n == 0 { Ok(0) } else { out.push(n, GFP_KERNEL)?; Ok(1 + depth(n - 1, out)?) }
}
