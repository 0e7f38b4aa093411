mod std {
    pub mod mem {
        pub fn swap() {}
    }
}

use std::mem::swap;

fn f() -> usize {
    std::mem::swap();
    ::std::mem::size_of::<u8>()
}
