fn add(v: &mut KVec<u8>, x: u8) {
    v.push(x, GFP_KERNEL)?;
}

fn all(v: &mut KVec<u8>, xs: &[u8]) {
    xs.iter().for_each(|x| add(v, *x));
    let mut g = |x: u8| v.push(x, GFP_KERNEL)?;
    let ok = |x: u8| -> Result { add(v, x); Ok(()) };
}

fn as_value(v: &mut KVec<u8>, xs: &[u8]) {
    let f = add;
    let g = crate::add;
    let n = xs.len();
    let _ = n;
}
