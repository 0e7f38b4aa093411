// `KVec::remove` returns `Result<T, RemoveError>` (mainline): its `?` is a kernel error, not an `Option`'s.
fn take_at(v: &mut KVec<u32>, i: usize, keys: &[u32]) -> Result<Option<u32>> {
    let Some(k) = keys.get(i) else { return Ok(None) };
    let x = v.remove(i)?;
    Ok(Some(x + k))
}

fn take_first(v: &mut KVec<u32>) -> Result<Option<u32>> {
    let Some(first) = v.first() else { return Ok(None) };
    let copy = *first;
    v.remove(0)?;
    Ok(Some(copy))
}
