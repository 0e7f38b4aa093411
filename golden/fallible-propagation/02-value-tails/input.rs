fn make(n: usize) -> KVec<u8> {
    let mut v = KVec::with_capacity(n, GFP_KERNEL)?;
    v.push(0, GFP_KERNEL)?;
    v
}

fn pick(flag: bool, n: usize) -> usize {
    let v = make(n);
    if flag {
        v.len()
    } else if n > 3 {
        // a comment before the value
        n * 2
    } else {
        match n {
            0 => 1,
            1 => {
                let x = 2;
                x + 1
            }
            _ => unreachable!(),
        }
    }
}

fn boxed(x: u32) -> KBox<u32> {
    KBox::new(x, GFP_KERNEL)?
}
