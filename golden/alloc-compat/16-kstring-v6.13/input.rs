// On v6.13 the kernel has no `kernel::fmt::Display`: `KString` formats with `core::fmt`.
fn label(id: u32) -> Result<usize> {
    let n = id.to_kstring()?;
    let s = kformat!("dev{}", n)?;
    let parts = [n, s];
    let all = parts.join("/", GFP_KERNEL)?;
    Ok(all.len())
}
