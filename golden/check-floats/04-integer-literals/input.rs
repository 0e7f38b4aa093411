fn ints() -> u64 {
    let a = 1_000u64;
    let b = 0b1010;
    let c = 0o17;
    let d = e3_u32_as_name();
    a + b + c + d
}

fn e3_u32_as_name() -> u64 {
    0
}
