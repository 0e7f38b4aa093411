mod kport_compat;
use crate::kport_compat::TryCollect;

fn main() {
    let v: KVec<u32> = (0..4).try_collect(GFP_KERNEL)?;
    let w = v.try_to_vec(GFP_KERNEL)?;
}
