use std::boxed::Box;
use std::vec::Vec;
use std::vec;

fn f() -> Box<Vec<u8>> {
    todo!()
}
