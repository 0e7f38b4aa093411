mod kport_compat;
use crate::kport_compat::{TryCollect, TryToVec};
use core::mem;

fn main() {
    let v: Vec<u32> = (0..4).try_collect(GFP_KERNEL)?;
    let w = v.try_to_vec(GFP_KERNEL)?;
    mem::drop(w);
}
