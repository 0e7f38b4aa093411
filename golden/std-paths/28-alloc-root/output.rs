
use alloc::string::String;
use alloc::collections::BTreeMap;
use kernel::sync::Arc;
use kernel::fmt;

fn f(s: &String, m: &BTreeMap<u8, u8>) -> Arc<u8> {
    let _ = alloc::format!("{}", s);
    Arc::new(1)
}
