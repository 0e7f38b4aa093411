struct Board { cells: KVec<u8>, next: Option<KBox<Board>> }
fn empty() -> KVec<u8> { KVec::new() }
