use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

#[derive(Clone, Debug, Default, PartialEq)]
struct Inventory {
    stock: BTreeMap<u32, u32>,
}

#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Event {
    Seen(BTreeSet<u8>),
    Queue { jobs: VecDeque<u8> },
}

// Behind a reference: a shared borrow is `Clone`.
#[derive(Clone, Copy)]
struct View<'a> {
    stock: &'a BTreeMap<u32, u32>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Fine {
    seen: HashSet<u8>,
}
