use core::{fmt, mem};

impl fmt::Display for S {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "{}", mem::size_of::<u8>()) }
}
struct S;
