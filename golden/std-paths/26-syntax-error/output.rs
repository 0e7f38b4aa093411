use std::mem;

fn broken( {
    let x = std::mem::size_of::<u8>(;
}

fn fine() -> u32 {
    std::cmp::max(1, 2)
}
