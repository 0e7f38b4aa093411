
struct Inventory {
    stock: Map<u32, u32>,
    tags: Set<char>,
    pending: Deque<u32>,
}

fn build(n: usize) -> Inventory {
    let mut counts: Map<u8, u32> = Map::new();
    let sorted = Set::<u16>::new();
    let hinted: Map<u8, u8> = Map::new();
    let full = Map::<u8, u8>::default();
    let _ = (&mut counts, sorted, hinted, full);
    Inventory {
        stock: Map::new(),
        tags: Set::new(),
        pending: Deque::with_capacity(n, GFP_KERNEL)?,
    }
}
