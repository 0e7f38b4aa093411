use std::cell::RefCell;

struct Owner {
    name: &'static str,
    gadgets: RefCell<Vec<std::rc::Weak<Gadget>>>,
}

struct Gadget {
    id: i32,
    owner: std::rc::Rc<Owner>,
}

fn main() {
    let owner = std::rc::Rc::new(Owner { name: "Gadget Man", gadgets: RefCell::new(vec![]) });
    let gadgets = vec![
        std::rc::Rc::new(Gadget { id: 1, owner: std::rc::Rc::clone(&owner) }),
        std::rc::Rc::new(Gadget { id: 2, owner: std::rc::Rc::clone(&owner) }),
    ];
    for g in &gadgets {
        owner.gadgets.borrow_mut().push(std::rc::Rc::downgrade(g));
    }
    for g in owner.gadgets.borrow().iter() {
        let g = g.upgrade().unwrap();
        println!("Gadget {} owned by {}", g.id, g.owner.name);
    }
    println!("owner count = {}", std::rc::Rc::strong_count(&owner));
}
