use kernel::fmt;
use core::mem;
use std::collections::HashMap;
fn f() -> usize { core::mem::size_of::<u64>() }
