fn broken( {

fn ok() -> usize { std::mem::size_of::<u8>() }

struct S { a: std::cell::Cell<u8> }
