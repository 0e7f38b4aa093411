fn f(a: u32, b: u32) -> u32 {
    let m = core::cmp::max(a, b);
    let n = core::u32::MAX - m;
    let it = core::iter::repeat(1u8).take(3);
    let _ = core::mem::replace(&mut 0u8, 1);
    n + it.count() as u32 + core::convert::identity(1)
}
