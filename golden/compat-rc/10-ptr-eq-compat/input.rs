use std::rc::{Rc, Weak};

fn main() {
    let a = Rc::new(5);
    let w: Weak<i32> = Rc::downgrade(&a);
    let b = w.upgrade().unwrap();
    println!("same = {}", Rc::ptr_eq(&a, &b));
}
