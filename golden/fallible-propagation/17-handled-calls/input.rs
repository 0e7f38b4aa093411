fn add(v: &mut KVec<u8>) -> u8 {
    v.push(1, GFP_KERNEL)?;
    1
}

fn callers(v: &mut KVec<u8>) {
    let _ = add(v);
    if let Ok(x) = add(v) {
        pr_info!("{}\n", x);
    }
    match add(v) {
        Ok(_) => {}
        Err(_) => {}
    }
    let ok = add(v).is_ok();
}
