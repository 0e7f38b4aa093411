//! Doc.
#![allow(dead_code)]

use kernel::fmt;
use std::{collections::HashMap, io::{self, Read}};
#[cfg(feature = "x")]
pub use core::{
    // the memory helpers
    mem,
};
#[cfg(feature = "x")]
pub use kernel::{
    sync::Arc, // shared
};
use kernel::prelude::Box as B;
use core::ffi::c_int;
use kernel::fmt::Display;
use core::fmt::LowerHex;
use std::collections::*;
use core::time::Duration;
use std::time::Instant;

struct S(Vec<u8>);

impl fmt::Display for S {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "s") }
}

fn main() {
    let n = core::mem::size_of::<u64>();
    let v: Vec<u8> = Vec::new();
    let m: std::collections::HashMap<u8, u8> = std::collections::HashMap::new();
    pr_info!("{}\n", core::mem::size_of::<u32>());
    let s = std::format!("{}", n);
    std::println!("x");
    let x = vec![1, 2];
    std::thread::sleep(core::time::Duration::from_millis(1));
    match n { core::usize::MAX => {}, _ => {} }
    std::process::exit(0);
}
