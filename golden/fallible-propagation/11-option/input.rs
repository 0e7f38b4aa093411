fn grow(v: &mut KVec<u8>) {
    v.push(0, GFP_KERNEL)?;
}

fn first_even(xs: &[u8]) -> Option<KVec<u8>> {
    let x = xs.iter().find(|x| *x % 2 == 0)?;
    let mut v = KVec::new();
    v.push(*x, GFP_KERNEL)?;
    grow(&mut v);
    Some(v)
}

fn already(v: &mut KVec<u8>) -> Option<()> {
    v.push(1, GFP_KERNEL).ok()?;
    Some(())
}
