// `pop_at` now fails with EINVAL (a kernel vector's `remove`) as well as ENOMEM:
// mapping every kernel error to `OutOfMemory` would misname it, so kport asks.
#[derive(Debug)]
enum LoadError {
    Missing,
    OutOfMemory,
}

fn pop_at(v: &mut KVec<u32>, i: usize) -> u32 {
    v.push(0, GFP_KERNEL)?;
    v.remove(i)?
}

fn load(v: &mut KVec<u32>) -> Result<u32, LoadError> {
    if v.is_empty() {
        return Err(LoadError::Missing);
    }
    v.push(1, GFP_KERNEL)?;
    Ok(pop_at(v, 0))
}
