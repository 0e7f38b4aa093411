#[derive(Debug)]
pub enum Error {
    Parse,
}

pub type Result<T> = core::result::Result<T, Error>;

fn grow(v: &mut KVec<u8>) -> kernel::error::Result<usize> {
    v.push(0, GFP_KERNEL)?;
    Ok(v.len())
}

fn parse(s: &[u8]) -> Result<u8> {
    s.first().copied().ok_or(Error::Parse)
}
