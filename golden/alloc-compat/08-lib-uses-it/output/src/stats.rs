use crate::kport_compat::TryCollect;

pub fn squares(xs: &[u32]) -> Vec<u32> {
    xs.iter().map(|x| x * x).try_collect(GFP_KERNEL)?
}
