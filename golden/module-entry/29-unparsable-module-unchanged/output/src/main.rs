//! A module that kport has nothing to change in does not parse: it keeps its
//! syntax with a warning, and the rest is ported as usual.

use kernel::prelude::*;

mod ffi;

module! {
    type: FfiDemo,
    name: "ffi_demo",
    description: "A module that kport has nothing to change in does not parse: it keeps its",
    license: "GPL",
}

struct FfiDemo;

impl kernel::Module for FfiDemo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("{}\n", ffi::magnitude(-3));
        Ok(FfiDemo)
    }
}
