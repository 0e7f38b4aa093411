use kernel::prelude::*;

{use crate::store;

pub fn draw(log: &mut KVec<u32>) -> usize {
    store::record(log, 2);
    store::count(log)
}
