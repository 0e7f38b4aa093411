fn add(v: &mut KVec<u8>, x: u8) {
    if x == 0 {
        return;
    }
    v.push(x, GFP_KERNEL)?;
}

fn first(v: &mut KVec<u8>, x: u8) -> u8 {
    if x == 0 {
        return 0;
    }
    v.push(x, GFP_KERNEL)?;
    let f = |y: u8| -> u8 { return y + 1; };
    fn nested() -> u8 {
        return 7;
    }
    f(x) + nested()
}
