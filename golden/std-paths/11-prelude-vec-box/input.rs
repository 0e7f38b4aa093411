use std::vec::Vec;
use std::boxed::Box;
use std::vec::Vec as Bytes;

struct S { v: Vec<u8>, b: Box<u8>, c: Bytes }

fn make() -> std::vec::Vec<u8> {
    let _b: std::boxed::Box<u8> = std::boxed::Box::new(1);
    std::vec::Vec::new()
}

mod inner {
    use std::vec::Vec;
    pub fn g() -> Vec<u8> { Vec::new() }
}
