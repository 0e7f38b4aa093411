use std::collections::{HashMap, VecDeque};

fn make(items: &[(u8, u8)]) {
    let m = HashMap::from([(1u8, 2u8)]);
    let n: HashMap<u8, u8> = HashMap::with_capacity(items.iter().count());
    let q = VecDeque::with_capacity(4,);
    let _ = (m, n, q);
}
