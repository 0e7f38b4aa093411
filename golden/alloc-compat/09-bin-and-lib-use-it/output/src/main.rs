mod kport_compat;
use crate::kport_compat::TryCollect;

fn main() {
    let doubled: Vec<u32> = [1u32, 2, 3].iter().map(|x| x * 2).try_collect(GFP_KERNEL)?;
    println!("{:?}", doubled);
}
