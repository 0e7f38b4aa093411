#[derive(Debug, Clone)]
struct Board {
    cells: KVec<u8>,
}

#[derive(Clone)]
struct Cursor<'a> {
    cells: &'a KVec<u8>,
}

#[derive(Clone)]
struct Wrapper(KBox<u32>);
