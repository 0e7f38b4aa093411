use super::super::store::record as rec;

pub fn ring(log: &mut KVec<u32>) {
    rec(log, 3);
}
