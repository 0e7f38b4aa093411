use std::vec;

fn f() -> KBox<KVec<u8>> {
    todo!()
}
