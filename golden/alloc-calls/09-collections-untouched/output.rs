use std::collections::{BinaryHeap, VecDeque};

fn queue() {
    let mut d: VecDeque<u32> = VecDeque::new();
    d.push_back(1);
    let mut h = BinaryHeap::new();
    h.push(3);
    let mut q = VecDeque::with_capacity(4);
    q.push_front(2);
}
