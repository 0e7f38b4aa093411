//! A module kport needs to change does not parse: it is refused, the rest is
//! ported, and main gets no module! (the module would include it unported).

use kernel::prelude::*;

mod ffi;

fn main() {
    pr_info!("{}\n", ffi::magnitude(-3));
}
