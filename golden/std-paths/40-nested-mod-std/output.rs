use core::mem;
use std::collections::HashMap;

mod util {
    // Names `std` only inside `util`: its paths there are left alone.
    pub mod std {
        pub fn swap() {}
    }

    pub fn f() {
        std::swap();
        core::mem::drop(1u8);
    }

    mod deeper {
        // A module inside `util` does not see `util::std`.
        pub fn g() -> usize {
            core::mem::size_of::<u8>()
        }
    }
}

fn size() -> usize {
    mem::size_of::<u64>() + core::mem::align_of::<u64>()
}

fn block_scoped() {
    {
        use crate::util as std;
        std::f();
    }
    core::mem::forget(0u8);
}
