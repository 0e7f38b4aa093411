//! A game.
#![allow(dead_code)]

use kernel::prelude::*;
use core::mem;
fn main() { pr_info!("hi\n"); }
