mod kport_compat;
use crate::kport_compat::TryCollect;

fn main() {
    let odd: Vec<u32> = (0..5u32).filter(|x| x % 2 == 1).try_collect(GFP_KERNEL)?;
    println!("{:?}", odd);
}
