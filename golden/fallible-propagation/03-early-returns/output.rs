fn add(v: &mut KVec<u8>, x: u8) -> Result {
    if x == 0 {
        return Ok(());
    }
    v.push(x, GFP_KERNEL)?;
    Ok(())
}

fn first(v: &mut KVec<u8>, x: u8) -> Result<u8> {
    if x == 0 {
        return Ok(0);
    }
    v.push(x, GFP_KERNEL)?;
    let f = |y: u8| -> u8 { return y + 1; };
    fn nested() -> u8 {
        return 7;
    }
    Ok(f(x) + nested())
}
