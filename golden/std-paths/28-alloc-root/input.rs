extern crate alloc;

use alloc::vec::Vec;
use alloc::string::String;
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use alloc::{boxed::Box, fmt};

fn f(s: &String, m: &BTreeMap<u8, u8>) -> Arc<u8> {
    let _ = alloc::format!("{}", s);
    Arc::new(1)
}
