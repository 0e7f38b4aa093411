use std::rc::Rc;

fn main() {
    let s: Rc<str> = "shared".into();
    let t = Rc::clone(&s);
    println!("{} {}", t, Rc::strong_count(&s));
}
