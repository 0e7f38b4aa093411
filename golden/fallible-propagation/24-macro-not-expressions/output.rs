macro_rules! twice {
    ($e:expr) => {
        $e + $e
    };
}

fn total(v: &mut KVec<u32>) -> Result<u32> {
    v.push(0, GFP_KERNEL)?;
    Ok(v.iter().sum())
}

fn text(v: &mut KVec<u32>) -> usize {
    let name = stringify!(total(v));
    name.len() + concat!("total", "(v)").len()
}

fn crate_macro(v: &mut KVec<u32>) -> u32 {
    twice!(total(v))
}

fn other_crate(v: &mut KVec<u32>) {
    lazy_log!(total(v));
    pr_info!("{}\n", lazy_log!(total(v)));
}

fn unreadable(v: &mut KVec<u32>, x: Option<u32>) -> bool {
    matches!(x, Some(1) | Some(2) if total(v) > 0)
}
