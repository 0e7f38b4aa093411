use std::{fmt, mem, collections::HashMap, vec::Vec};
fn f() -> usize { std::mem::size_of::<u64>() }
