use std::cell::RefCell;

pub struct Node {
    pub value: i32,
    parent: RefCell<Weak<Node>>,
    children: RefCell<Vec<Rc<Node>>>,
}

impl Node {
    pub fn new(value: i32) -> Node {
        Node { value, parent: RefCell::new(Weak::new()), children: RefCell::new(Vec::new()) }
    }
}

pub fn adopt(parent: &Rc<Node>, child: Rc<Node>) {
    *child.parent.borrow_mut() = Rc::downgrade(parent);
    parent.children.borrow_mut().push(child);
}

pub fn parent_of(n: &Node) -> Option<i32> {
    n.parent.borrow().upgrade().map(|p| p.value)
}
