fn add(v: &mut KVec<u8>, x: u8) -> Result {
    v.push(x, GFP_KERNEL)?;
    Ok(())
}

fn run(v: &mut KVec<u8>) -> Result<usize> {
    add(v, 1)?;
    Ok(v.len())
}

fn parse(s: &str) -> Option<u8> {
    let c = s.bytes().next()?;
    Some(c)
}

fn plain(x: u8) -> u8 {
    x * 2
}
