use core::mem;

fn broken( {
    let x = std::mem::size_of::<u8>(;
}

fn fine() -> u32 {
    core::cmp::max(1, 2)
}
