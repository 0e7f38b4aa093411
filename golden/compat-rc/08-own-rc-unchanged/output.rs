mod shared {
    pub struct Rc<T>(pub T);
    impl<T> Rc<T> {
        pub fn new(v: T) -> Self {
            Rc(v)
        }
    }
}

use shared::Rc;

fn main() {
    let a = Rc::new(5);
    let b = Rc::new(a.0 + 1);
}
