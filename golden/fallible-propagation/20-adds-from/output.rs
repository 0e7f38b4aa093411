#[derive(Debug)]
pub enum StoreError {
    Missing(u32),
    OutOfMemory,
}

impl From<kernel::alloc::AllocError> for StoreError {
    fn from(_: kernel::alloc::AllocError) -> Self {
        StoreError::OutOfMemory
    }
}

impl From<kernel::error::Error> for StoreError {
    fn from(_: kernel::error::Error) -> Self {
        StoreError::OutOfMemory
    }
}

fn grow(v: &mut KVec<u32>) -> Result {
    v.push(0, GFP_KERNEL)?;
    Ok(())
}

fn load(v: &mut KVec<u32>, x: u32) -> Result<usize, StoreError> {
    if x == 0 {
        return Err(StoreError::Missing(x));
    }
    v.push(x, GFP_KERNEL)?;
    grow(v)?;
    Ok(v.len())
}
