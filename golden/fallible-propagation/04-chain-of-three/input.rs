fn a(v: &mut KVec<u8>) {
    v.push(1, GFP_KERNEL)?;
}

fn b(v: &mut KVec<u8>) -> usize {
    a(v);
    v.len()
}

fn c(v: &mut KVec<u8>) -> usize {
    b(v) + b(v)
}

fn d(v: &mut KVec<u8>) -> usize {
    c(v)
}

fn untouched(x: u8) -> u8 {
    x + 1
}
