#![no_std]


fn f(v: &Vec<u8>) -> usize { v.len() }
