// A compat call in a macro's arguments needs its `use` too.
fn show(v: &[u32], n: u32) -> Result {
    pr_info!("{} {:?}\n", n.to_kstring()?, v.iter().try_collect(GFP_KERNEL)?);
    Ok(())
}
