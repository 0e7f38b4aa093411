use kernel::fmt::Write;

fn total(v: &mut KVec<u32>) -> u32 {
    v.push(0, GFP_KERNEL)?;
    v.iter().sum()
}

fn checks(v: &mut KVec<u32>) {
    assert_eq!(total(v), 0);
    assert!(total(v) < 10, "too big: {}", total(v));
    debug_assert_ne!(total(v), 7);
    dbg!(total(v));
}

fn prints(v: &mut KVec<u32>, w: &mut impl Write) -> Result {
    println!("before the rename {}", total(v));
    pr_info!("after the rename {}\n", total(v));
    write!(w, "{}", total(v)).map_err(|_| EINVAL)?;
    writeln!(w, "{:>4}", total(v)).map_err(|_| EINVAL)?;
    let n = 3;
    pr_info!("inline captures are not calls: {n}\n");
    Ok(())
}

fn vectors(v: &mut KVec<u32>) -> usize {
    let a = kernel::kvec![total(v); 3]?;
    let b = kernel::kvec![total(v), 1]?;
    pr_info!("{:?}\n", kernel::kvec![total(v)]?);
    a.len() + b.len()
}

fn patterns(v: &mut KVec<u32>) -> bool {
    matches!(total(v), 1 | 2) || matches!(Some(3), Some(x) if x < total(v))
}
