fn f() -> Vec<u8> {
    let v: Vec<u8> = KVec::new();
    let w: Vec<u32> = KVec::new();
    v
}
