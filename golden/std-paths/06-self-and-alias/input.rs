use std::mem::{self, swap as sw};
use std::cell::RefCell as Cell2;
use std::io::{self as sio};

fn f(a: &mut u8, b: &mut u8) { sw(a, b); let _ = mem::size_of::<Cell2<u8>>(); }
