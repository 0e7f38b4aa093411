use std::collections::{BinaryHeap, HashMap};
use std::{collections::VecDeque, mem};

fn work() {
    let mut heap = BinaryHeap::new();
    heap.push(3u8);
    let mut m: HashMap<u8, u8> = HashMap::new();
    let q: VecDeque<u8> = VecDeque::new();
    mem::swap(&mut m, &mut HashMap::new());
    let _ = q;
}
