fn f() -> Vec<u8> {
    let v: Vec<u8> = vec![];
    let w: Vec<u32> = vec!();
    v
}
