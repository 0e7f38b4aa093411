
#[derive(Clone, Debug, Default, PartialEq)]
struct Inventory {
    stock: Map<u32, u32>,
}

#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Event {
    Seen(Set<u8>),
    Queue { jobs: Deque<u8> },
}

// Behind a reference: a shared borrow is `Clone`.
#[derive(Clone, Copy)]
struct View<'a> {
    stock: &'a Map<u32, u32>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Fine {
    seen: Set<u8>,
}
