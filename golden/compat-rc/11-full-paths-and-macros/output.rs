use std::cell::RefCell;

struct Owner {
    name: &'static str,
    gadgets: RefCell<Vec<Weak<Gadget>>>,
}

struct Gadget {
    id: i32,
    owner: Rc<Owner>,
}

fn main() {
    let owner = Rc::new(Owner { name: "Gadget Man", gadgets: RefCell::new(vec![]) }, GFP_KERNEL)?;
    let gadgets = vec![
        Rc::new(Gadget { id: 1, owner: Rc::clone(&owner) }, GFP_KERNEL)?,
        Rc::new(Gadget { id: 2, owner: Rc::clone(&owner) }, GFP_KERNEL)?,
    ];
    for g in &gadgets {
        owner.gadgets.borrow_mut().push(Rc::downgrade(g));
    }
    for g in owner.gadgets.borrow().iter() {
        let g = g.upgrade().unwrap();
        println!("Gadget {} owned by {}", g.id, g.owner.name);
    }
    println!("owner count = {}", Rc::strong_count(&owner));
}
