// Each of these stops kport from adding a variant: reported, enums unchanged.
#[derive(Debug)]
pub enum Named {
    Missing,
    Bad(u8),
}

impl core::fmt::Display for Named {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Named::Missing => write!(f, "missing"),
            Named::Bad(b) => write!(f, "bad byte {}", b),
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
