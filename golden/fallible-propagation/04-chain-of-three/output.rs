fn a(v: &mut KVec<u8>) -> Result {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

fn b(v: &mut KVec<u8>) -> Result<usize> {
    a(v)?;
    Ok(v.len())
}

fn c(v: &mut KVec<u8>) -> Result<usize> {
    Ok(b(v)? + b(v)?)
}

fn d(v: &mut KVec<u8>) -> Result<usize> {
    Ok(c(v)?)
}

fn untouched(x: u8) -> u8 {
    x + 1
}
