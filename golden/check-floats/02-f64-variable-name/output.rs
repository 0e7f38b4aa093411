fn sum(f32: u32, f64: u32) -> u32 {
    let x = 0x1f32;
    let r = 1..2;
    let t = (1, (2, 3));
    f32 + f64 + x + r.start + t.1.0
}
