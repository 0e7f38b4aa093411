// Each of these stops kport from adding a variant: reported, enums unchanged.
#[derive(Debug)]
pub enum Named {
    Missing,
    Bad(u8),
}

impl Named {
    fn code(&self) -> i32 {
        match self {
            Named::Missing => 1,
            Named::Bad(b) => *b as i32,
        }
    }
}

pub fn named(v: &mut KVec<u8>) -> Result<(), Named> {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

#[repr(u8)]
#[derive(Debug)]
pub enum Coded {
    Missing = 1,
}

pub fn coded(v: &mut KVec<u8>) -> Result<(), Coded> {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

#[derive(Debug)]
pub enum Generic<T> {
    Bad(T),
}

pub fn generic(v: &mut KVec<u8>) -> Result<(), Generic<u8>> {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

#[derive(Debug)]
pub struct Plain {
    pub code: i32,
}

pub fn plain(v: &mut KVec<u8>) -> Result<(), Plain> {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

#[derive(Debug)]
pub enum Only {
    Bad(u8),
}

fn inner(e: Only) -> u8 {
    let Only::Bad(b) = e;
    b
}

pub fn only(v: &mut KVec<u8>) -> Result<(), Only> {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

// `KVec::remove` fails with `RemoveError`, which converts into the kernel `Error` only.
#[derive(Debug)]
enum TakeError {
    Empty,
}

fn take_last(v: &mut KVec<u32>) -> Result<u32, TakeError> {
    if v.is_empty() {
        return Err(TakeError::Empty);
    }
    let x = v.remove(v.len() - 1)?;
    Ok(x)
}
