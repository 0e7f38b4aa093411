mod kport_compat;
use crate::kport_compat::KString;

// Code the string passes ported: the module holds `KString` with only the
// methods called here (`new`, `push_str`, `try_clone`), and no unused item.
fn greeting(name: &str) -> Result<KString> {
    let mut s = KString::new();
    s.push_str("hello, ", GFP_KERNEL)?;
    s.push_str(name, GFP_KERNEL)?;
    let copy = s.try_clone()?;
    Ok(copy)
}
