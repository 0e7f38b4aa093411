use std::mem;
use std::cmp::Ordering;
use std::convert::TryFrom;

fn f(a: &mut u8, b: &mut u8) -> Ordering {
    mem::swap(a, b);
    a.cmp(&b)
}
