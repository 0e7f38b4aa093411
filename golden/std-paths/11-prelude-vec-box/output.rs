use kernel::prelude::Vec as Bytes;

struct S { v: Vec<u8>, b: Box<u8>, c: Bytes }

fn make() -> Vec<u8> {
    let _b: Box<u8> = Box::new(1);
    Vec::new()
}

mod inner {
    use kernel::prelude::Vec;
    pub fn g() -> Vec<u8> { Vec::new() }
}
