fn f() -> KVec<u8> {
    let b: KBox<u8> = todo!();
    KVec::new()
}
