use core::mem;
use core::cmp::Ordering;
use core::convert::TryFrom;

fn f(a: &mut u8, b: &mut u8) -> Ordering {
    mem::swap(a, b);
    a.cmp(&b)
}
