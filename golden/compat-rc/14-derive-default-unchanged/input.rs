use std::rc::{Rc, Weak};

#[derive(Default)]
struct Slot {
    value: Rc<u32>,
    owner: Weak<u32>,
}

fn main() {
    let s = Slot::default();
    println!("{} {}", s.value, Rc::strong_count(&s.value));
}
