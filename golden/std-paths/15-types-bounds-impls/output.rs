use core::ops::Add;

struct Cnt { c: core::cell::Cell<u8>, shared: kernel::sync::Arc<u8> }

#[derive(Clone, Copy)]
struct P(i32);

impl core::ops::Add for P {
    type Output = P;
    fn add(self, o: P) -> P { P(self.0 + o.0) }
}

fn h<T: core::hash::Hash + kernel::fmt::Debug>(t: &T) -> core::option::Option<usize>
where
    T: core::cmp::PartialEq,
{
    let _ = core::mem::size_of::<T>();
    None
}

fn r(x: &dyn core::any::Any) -> bool { x.is::<u8>() }
