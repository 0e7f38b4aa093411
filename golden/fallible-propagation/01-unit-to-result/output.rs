fn fill(v: &mut KVec<u32>, n: u32) -> Result {
    for i in 0..n {
        v.push(i, GFP_KERNEL)?;
    }
    Ok(())
}

fn one(v: &mut KVec<u32>) -> Result { v.push(1, GFP_KERNEL)?; Ok(()) }

fn tail_call(v: &mut KVec<u32>) -> Result {
    // The last statement is a unit call without `;`.
    fill(v, 3)?;
    Ok(())
}

fn trailing_comment(v: &mut KVec<u32>) -> Result {
    v.push(2, GFP_KERNEL)?; // keep me here
    Ok(())
}
