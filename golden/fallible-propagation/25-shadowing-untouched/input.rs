fn total(v: &mut KVec<u32>) -> u32 {
    v.push(0, GFP_KERNEL)?;
    v.iter().sum()
}

fn closure_named_like_it(v: &mut KVec<u32>) -> u32 {
    let total = |v: &mut KVec<u32>| v.len() as u32;
    pr_info!("{}\n", total(v));
    total(v)
}

fn parameter_named_like_it(total: fn(&mut KVec<u32>) -> u32, v: &mut KVec<u32>) {
    pr_info!("{}\n", total(v));
}

fn nested_fn_named_like_it(v: &mut KVec<u32>) {
    fn total(v: &mut KVec<u32>) -> u32 {
        v.len() as u32
    }
    pr_info!("{}\n", total(v));
}

fn value_named_like_it(v: &mut KVec<u32>) {
    let total = total(v);
    pr_info!("{}\n", total);
}

fn pattern_named_like_it(v: &mut KVec<u32>, fs: &[fn(&mut KVec<u32>) -> u32]) {
    for total in fs.iter() {
        pr_info!("{}\n", total(v));
    }
}
