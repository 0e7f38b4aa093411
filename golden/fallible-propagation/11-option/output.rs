fn grow(v: &mut KVec<u8>) -> Result {
    v.push(0, GFP_KERNEL)?;
    Ok(())
}

fn first_even(xs: &[u8]) -> Result<Option<KVec<u8>>> {
    let Some(x) = xs.iter().find(|x| *x % 2 == 0) else { return Ok(None) };
    let mut v = KVec::new();
    v.push(*x, GFP_KERNEL)?;
    grow(&mut v)?;
    Ok(Some(v))
}

fn already(v: &mut KVec<u8>) -> Option<()> {
    v.push(1, GFP_KERNEL).ok()?;
    Some(())
}
