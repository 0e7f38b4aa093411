use core::mem;
use kernel::prelude::*;

fn f(std: u8) -> usize {
    let _s = "std::mem::swap";
    // std::collections::HashMap in a comment
    let stdout = std;
    mem::size_of::<u8>() + stdout as usize
}
