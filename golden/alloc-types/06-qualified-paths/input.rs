fn f() -> std::vec::Vec<u8> {
    let b: alloc::boxed::Box<u8> = todo!();
    std::vec::Vec::new()
}
