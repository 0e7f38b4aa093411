#![no_std]
extern crate alloc;


fn f(v: &Vec<u8>) -> usize { v.len() }
