fn setup(v: &mut KVec<u8>) -> Result {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

fn main() {
    let mut v = KVec::new();
    setup(&mut v)?;
    pr_info!("{}\n", v.len());
}
