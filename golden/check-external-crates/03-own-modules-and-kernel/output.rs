use core::mem;
use kernel::prelude::*;
use pin_init::pin_data;

mod util {
    pub fn double(x: u32) -> u32 {
        x * 2
    }
}

enum Dir {
    Up,
    Down,
}

use self::util::double;
use util as helpers;
use Dir::*;

fn go(d: Dir) -> u32 {
    let _ = mem::size_of::<u32>();
    match d {
        Up => double(1),
        Down => helpers::double(2),
    }
}

fn order(a: u32, b: u32) -> i8 {
    use core::cmp::Ordering;
    use Ordering::*;
    match a.cmp(&b) {
        Less => -1,
        Equal => 0,
        Greater => 1,
    }
}
