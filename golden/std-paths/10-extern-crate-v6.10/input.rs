#![no_std]
extern crate alloc;
extern crate std;

use alloc::vec::Vec;

fn f(v: &Vec<u8>) -> usize { v.len() }
