struct Node {
    next: Option<Box<Node>>,
}

fn chain() -> Box<Node> {
    let leaf = Box::new(Node { next: None }, GFP_KERNEL)?;
    Box::new(Node { next: Some(Box::new(Node { next: Some(leaf) }, GFP_KERNEL)?) }, GFP_KERNEL)?
}
