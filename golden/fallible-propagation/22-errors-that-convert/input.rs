// Correct kernel code: every `?` below converts, so nothing is reported.
use kernel::alloc::AllocError;
use kernel::error;

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

fn own_error(s: &[u8]) -> Result<KVec<u8>, ParseError> {
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut out = KVec::new();
    out.push(s[0], GFP_KERNEL)?;
    Ok(out)
}

fn alloc_error(x: u8) -> Result<KVec<u8>, AllocError> {
    let mut out = KVec::new();
    out.push(x, GFP_KERNEL)?;
    Ok(out)
}

fn alloc_error_path(x: u8) -> Result<KVec<u8>, kernel::alloc::AllocError> {
    let mut out = KVec::new();
    out.push(x, GFP_KERNEL)?;
    Ok(out)
}

fn kernel_error_module(x: u8) -> Result<KVec<u8>, error::Error> {
    let mut out = KVec::new();
    out.push(x, GFP_KERNEL)?;
    Ok(out)
}

fn generic<E: From<AllocError>>(x: u8) -> Result<KVec<u8>, E> {
    let mut out = KVec::with_capacity(1, GFP_KERNEL)?;
    out.push(x, GFP_KERNEL)?;
    Ok(out)
}

fn generic_where<E>(x: u8) -> Result<KVec<u8>, E>
where
    E: From<kernel::alloc::AllocError> + core::fmt::Debug,
{
    let mut out = KVec::new();
    out.push(x, GFP_KERNEL)?;
    Ok(out)
}

// Must still be reported: these do not build.
fn generic_unbounded<E>(x: u8) -> Result<KVec<u8>, E> {
    let mut out = KVec::new();
    out.push(x, GFP_KERNEL)?;
    Ok(out)
}

fn core_error(x: u8) -> Result<KVec<u8>, core::fmt::Error> {
    let mut out = KVec::new();
    out.push(x, GFP_KERNEL)?;
    Ok(out)
}

fn grow(v: &mut KVec<u8>) {
    v.push(0, GFP_KERNEL)?;
}

fn alloc_error_gets_kernel_error(v: &mut KVec<u8>) -> Result<(), AllocError> {
    grow(v);
    Ok(())
}
