#[derive(Debug)]
enum ParseError {
    Empty,
    NoMemory,
}

impl From<AllocError> for ParseError {
    fn from(_: AllocError) -> Self {
        ParseError::NoMemory
    }
}

#[derive(Debug)]
enum LoadError {
    Missing,
    OutOfMemory,
}

impl From<kernel::alloc::AllocError> for LoadError {
    fn from(_: kernel::alloc::AllocError) -> Self {
        LoadError::OutOfMemory
    }
}

impl From<kernel::error::Error> for LoadError {
    fn from(_: kernel::error::Error) -> Self {
        LoadError::OutOfMemory
    }
}

fn grow(v: &mut KVec<u8>) -> Result {
    v.push(0, GFP_KERNEL)?;
    Ok(())
}

fn parse(s: &[u8]) -> Result<KVec<u8>, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut v = KVec::new();
    v.push(s[0], GFP_KERNEL)?;
    Ok(v)
}

fn load(s: &[u8]) -> Result<KVec<u8>, LoadError> {
    let mut v = KVec::new();
    v.push(s[0], GFP_KERNEL)?;
    grow(&mut v)?;
    Ok(v)
}

fn text(s: &[u8]) -> Result<u8, &'static str> {
    let mut v = KVec::new();
    v.push(s[0], GFP_KERNEL)?;
    Ok(v[0])
}
