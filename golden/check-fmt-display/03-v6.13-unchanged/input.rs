// Must not change on v6.13 and older: pr_*! format with core::fmt there,
// where Box and the core types have Display.
//
use std::num::{NonZeroU32, ParseIntError};

struct Node {
    value: Box<u32>,
}

fn show(b: Box<u64>, e: ParseIntError, n: &Node) {
    println!("b = {b}, e = {}", e);
    eprintln!("{x:>4} {}", n.value, x = b);
}

fn main() {
    let b = Box::new(5);
    println!("b = {b}");
    let n: NonZeroU32 = NonZeroU32::new(3).unwrap();
    print!("{n} ");
    let (k, boxed) = (1u8, Box::new(2u8));
    println!("{k} {}", boxed);
    let kb: KBox<u32> = KBox::new(7, GFP_KERNEL).unwrap();
    pr_info!("{}\n", kb);
}
