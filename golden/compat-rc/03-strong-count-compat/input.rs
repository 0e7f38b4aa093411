use std::rc::Rc;

fn main() {
    let a = Rc::new(5);
    let b = Rc::clone(&a);
    println!("count after creating b = {}", Rc::strong_count(&a));
}
