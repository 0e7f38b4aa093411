// Two variants could mean "out of memory": the help gives the impl with one of them.
#[derive(Debug)]
pub enum CacheError {
    NoMemory,
    NoSpace,
    Stale,
}

pub fn fill(v: &mut KVec<u8>, n: usize) -> Result<(), CacheError> {
    if n == 0 {
        return Err(CacheError::Stale);
    }
    v.push(0, GFP_KERNEL)?;
    Ok(())
}
