use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

struct Inventory {
    stock: BTreeMap<u32, u32>,
    tags: HashSet<char>,
    pending: VecDeque<u32>,
}

fn build(n: usize) -> Inventory {
    let mut counts: HashMap<u8, u32> = HashMap::new();
    let sorted = BTreeSet::<u16>::new();
    let hinted: HashMap<u8, u8> = HashMap::with_capacity(n * 2);
    let full = std::collections::HashMap::<u8, u8>::default();
    let _ = (&mut counts, sorted, hinted, full);
    Inventory {
        stock: BTreeMap::new(),
        tags: HashSet::with_capacity(8),
        pending: VecDeque::with_capacity(n),
    }
}
