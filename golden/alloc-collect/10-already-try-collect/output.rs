use crate::kport_compat::TryCollect;

fn squares(n: u32) -> Result<KVec<u32>> {
    Ok((0..n).map(|i| i * i).try_collect(GFP_KERNEL)?)
}
