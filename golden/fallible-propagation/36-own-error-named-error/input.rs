// The crate's own `Error` and `Result` alias: the impls name the kernel's by their full paths.
#[derive(Debug)]
pub enum Error {
    Parse,
}

pub type Result<T> = core::result::Result<T, Error>;

fn grow(v: &mut KVec<u8>) -> usize {
    v.push(0, GFP_KERNEL)?;
    v.len()
}

pub fn parse(v: &mut KVec<u8>, s: &[u8]) -> Result<u8> {
    let first = s.first().copied().ok_or(Error::Parse)?;
    v.push(first, GFP_KERNEL)?;
    grow(v);
    Ok(first)
}
