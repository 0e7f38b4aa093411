mod kport_compat;
use crate::kport_compat::TryToVec;

fn copy(v: &Vec<u32>) -> Vec<u32> {
    v.try_to_vec(GFP_KERNEL)?
}

fn main() {
    let v = vec![1, 2];
    let w = copy(&v);
    drop(w);
}
