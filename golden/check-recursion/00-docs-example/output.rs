struct Node {
    value: u64,
    children: Vec<Node>,
}

fn sum(n: &Node) -> u64 {
    n.value + n.children.iter().map(sum).sum::<u64>()
}

fn fact(n: u64) -> u64 { if n == 0 { 1 } else { n * fact(n - 1) } }
