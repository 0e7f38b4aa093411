use core::mem::{self, swap as sw};
use core::cell::RefCell as Cell2;
use std::io::{self as sio};

fn f(a: &mut u8, b: &mut u8) { sw(a, b); let _ = mem::size_of::<Cell2<u8>>(); }
