fn broken( {

fn ok() -> usize { core::mem::size_of::<u8>() }

struct S { a: core::cell::Cell<u8> }
