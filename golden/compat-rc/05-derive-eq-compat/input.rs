use std::rc::Rc;

#[derive(Debug, PartialEq)]
struct Shared {
    inner: Rc<u32>,
}

fn main() {
    let a = Shared { inner: Rc::new(1) };
    let b = Shared { inner: Rc::clone(&a.inner) };
    println!("{}", a == b);
}
