fn make(n: usize) -> Result<KVec<u8>> {
    let mut v = KVec::with_capacity(n, GFP_KERNEL)?;
    v.push(0, GFP_KERNEL)?;
    Ok(v)
}

fn pick(flag: bool, n: usize) -> Result<usize> {
    let v = make(n)?;
    if flag {
        Ok(v.len())
    } else if n > 3 {
        // a comment before the value
        Ok(n * 2)
    } else {
        match n {
            0 => Ok(1),
            1 => {
                let x = 2;
                Ok(x + 1)
            }
            _ => unreachable!(),
        }
    }
}

fn boxed(x: u32) -> Result<KBox<u32>> {
    Ok(KBox::new(x, GFP_KERNEL)?)
}
