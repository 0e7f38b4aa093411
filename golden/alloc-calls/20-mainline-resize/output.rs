fn f(v: &mut Vec<u8>) {
    v.resize(10, 0, GFP_KERNEL)?;
    v.truncate(3);
}
