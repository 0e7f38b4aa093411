use super::super::store::record as rec;

pub fn ring(log: &mut KVec<u32>) -> Result {
    rec(log, 3)?;
    Ok(())
}
