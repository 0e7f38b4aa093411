use kernel::sync::Arc;

enum List {
    Cons(i32, Arc<List>),
    Nil,
}

use List::{Cons, Nil};

fn main() {
    let a = Arc::new(Cons(5, Arc::new(Nil)));
    let b = Cons(3, Arc::clone(&a));
}
