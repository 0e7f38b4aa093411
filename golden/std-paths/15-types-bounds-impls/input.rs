use std::ops::Add;

struct Cnt { c: std::cell::Cell<u8>, shared: std::sync::Arc<u8> }

#[derive(Clone, Copy)]
struct P(i32);

impl std::ops::Add for P {
    type Output = P;
    fn add(self, o: P) -> P { P(self.0 + o.0) }
}

fn h<T: std::hash::Hash + std::fmt::Debug>(t: &T) -> std::option::Option<usize>
where
    T: std::cmp::PartialEq,
{
    let _ = std::mem::size_of::<T>();
    None
}

fn r(x: &dyn std::any::Any) -> bool { x.is::<u8>() }
