// The crate's own `Error` and `Result` alias: the impls name the kernel's by their full paths.
#[derive(Debug)]
pub enum Error {
    Parse,
    OutOfMemory,
}

impl From<kernel::alloc::AllocError> for Error {
    fn from(_: kernel::alloc::AllocError) -> Self {
        Error::OutOfMemory
    }
}

impl From<kernel::error::Error> for Error {
    fn from(_: kernel::error::Error) -> Self {
        Error::OutOfMemory
    }
}

pub type Result<T> = core::result::Result<T, Error>;

fn grow(v: &mut KVec<u8>) -> kernel::error::Result<usize> {
    v.push(0, GFP_KERNEL)?;
    Ok(v.len())
}

pub fn parse(v: &mut KVec<u8>, s: &[u8]) -> Result<u8> {
    let first = s.first().copied().ok_or(Error::Parse)?;
    v.push(first, GFP_KERNEL)?;
    grow(v)?;
    Ok(first)
}
