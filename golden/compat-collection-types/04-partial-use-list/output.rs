use std::collections::{BinaryHeap};
use std::{mem};

fn work() {
    let mut heap = BinaryHeap::new();
    heap.push(3u8);
    let mut m: Map<u8, u8> = Map::new();
    let q: Deque<u8> = Deque::new();
    mem::swap(&mut m, &mut Map::new());
    let _ = q;
}
