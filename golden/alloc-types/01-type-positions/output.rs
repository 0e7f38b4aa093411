struct Board {
    cells: KVec<u8>,
    next: Option<KBox<Board>>,
}

fn f(v: &mut KVec<u8>, b: KBox<dyn Fn(u8) -> u8>) -> KVec<KBox<u32>> {
    let e: KVec<KBox<u32>> = KVec::new();
    let t = KVec::<u8>::new();
    let n = std::mem::size_of::<KVec<u8>>();
    let p = &e as &KVec<KBox<u32>>;
    e
}

impl From<Board> for KVec<u8> {
    fn from(b: Board) -> KVec<u8> {
        b.cells
    }
}
