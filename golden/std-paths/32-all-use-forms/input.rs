//! Doc.
#![allow(dead_code)]

extern crate std;
use std::{fmt, collections::HashMap, io::{self, Read}};
#[cfg(feature = "x")]
pub use ::std::{
    // the memory helpers
    mem,
    sync::Arc, // shared
    vec::Vec,
};
use std::vec::Vec;
use std::boxed::Box as B;
use std::os::raw::c_int;
use std::fmt::{Display, LowerHex};
use std::collections::*;
use std::time::{Duration, Instant};

struct S(Vec<u8>);

impl fmt::Display for S {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "s") }
}

fn main() {
    let n = std::mem::size_of::<u64>();
    let v: std::vec::Vec<u8> = std::vec::Vec::new();
    let m: std::collections::HashMap<u8, u8> = std::collections::HashMap::new();
    pr_info!("{}\n", std::mem::size_of::<u32>());
    let s = std::format!("{}", n);
    std::println!("x");
    let x = std::vec![1, 2];
    std::thread::sleep(std::time::Duration::from_millis(1));
    match n { std::usize::MAX => {}, _ => {} }
    std::process::exit(0);
}
