struct Node {
    value: u32,
}

impl Node {
    fn new() -> Node {
        Node { value: 0 }
    }
}

fn build() {
    let mut v: Vec<u32> = Vec::with_capacity(4);
    v.push(1);
    let b = Box::new(Node::new());
}
