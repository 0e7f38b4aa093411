//! A game.
#![allow(dead_code)]

use core::mem;
fn main() { pr_info!("hi\n"); }
