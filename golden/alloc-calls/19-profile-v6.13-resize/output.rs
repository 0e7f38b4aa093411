fn f(v: &mut Vec<u8>) {
    v.push(1, GFP_KERNEL)?;
    v.resize(10, 0);
}
