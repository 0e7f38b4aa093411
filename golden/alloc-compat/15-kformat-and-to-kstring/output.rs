mod kport_compat;
use crate::kport_compat::{ToKString, kformat};

// `kformat!` and `to_kstring` need `KString::try_from_fmt`, not a `KString`
// import: this file never names the type.
fn label(id: u32) -> Result<usize> {
    let n = id.to_kstring()?;
    let s = kformat!("dev{}", n)?;
    let parts = [n, s];
    let all = parts.join("/", GFP_KERNEL)?;
    Ok(all.len())
}
