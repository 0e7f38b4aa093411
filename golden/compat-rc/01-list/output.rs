enum List {
    Cons(i32, Arc<List>),
    Nil,
}

use crate::List::{Cons, Nil};
use kernel::sync::Arc;

fn share(list: &Arc<List>) -> kernel::sync::Arc<List> {
    Arc::clone(list)
}

fn main() {
    let a = Arc::new(Cons(5, Arc::new(Cons(10, Arc::new(Nil)))));
    let b = Cons(3, Arc::clone(&a));
    let c = Cons(4, share(&a));
    let d = a.clone();
}
