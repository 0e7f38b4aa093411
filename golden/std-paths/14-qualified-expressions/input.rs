fn f(a: u32, b: u32) -> u32 {
    let m = std::cmp::max(a, b);
    let n = std::u32::MAX - m;
    let it = std::iter::repeat(1u8).take(3);
    let _ = std::mem::replace(&mut 0u8, 1);
    n + it.count() as u32 + std::convert::identity(1)
}
