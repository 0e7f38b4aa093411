mod tree;

use tree::Node;

fn main() {
    let root = Rc::new(Node::new(1), GFP_KERNEL)?;
    let child = Rc::new(Node::new(2), GFP_KERNEL)?;
    tree::adopt(&root, Rc::clone(&child));
    println!("parent of 2 = {:?}", tree::parent_of(&child));
}
