fn f() {
    let a = std::vec![1, 2];
    let b = alloc::vec![0; 4];
}
