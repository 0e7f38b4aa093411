use std::collections::{HashMap};

fn make(items: &[(u8, u8)]) {
    let m = HashMap::from([(1u8, 2u8)]);
    let n: Map<u8, u8> = HashMap::with_capacity(items.iter().count());
    let q = Deque::with_capacity(4, GFP_KERNEL,)?;
    let _ = (m, n, q);
}
