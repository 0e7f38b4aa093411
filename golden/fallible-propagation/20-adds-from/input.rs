#[derive(Debug)]
pub enum StoreError {
    Missing(u32),
    OutOfMemory,
}

fn grow(v: &mut KVec<u32>) {
    v.push(0, GFP_KERNEL)?;
}

fn load(v: &mut KVec<u32>, x: u32) -> Result<usize, StoreError> {
    if x == 0 {
        return Err(StoreError::Missing(x));
    }
    v.push(x, GFP_KERNEL)?;
    grow(v);
    Ok(v.len())
}
