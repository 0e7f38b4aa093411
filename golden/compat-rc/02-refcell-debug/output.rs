#[derive(Debug)]
enum List {
    Cons(Arc<RefCell<i32>>, Arc<List>),
    Nil,
}

use crate::List::{Cons, Nil};
use std::cell::RefCell;
use kernel::sync::Arc;

fn main() {
    let value = Arc::new(RefCell::new(5));
    let a = Arc::new(Cons(Arc::clone(&value), Arc::new(Nil)));
    *value.borrow_mut() += 10;
    println!("a after = {:?}, {}", a, Arc::clone(&value).borrow());
}
