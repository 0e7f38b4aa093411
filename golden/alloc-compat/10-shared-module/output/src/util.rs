use crate::kport_compat::TryCollect;

pub fn evens(n: u32) -> Vec<u32> {
    (0..n).filter(|x| x % 2 == 0).try_collect(GFP_KERNEL)?
}
