mod tree;

use std::rc::Rc;
use tree::Node;

fn main() {
    let root = Rc::new(Node::new(1));
    let child = Rc::new(Node::new(2));
    tree::adopt(&root, Rc::clone(&child));
    println!("parent of 2 = {:?}", tree::parent_of(&child));
}
