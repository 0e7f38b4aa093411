fn f(n: usize) {
    let a = kernel::kvec![1, 2, 3]?;
    let b = kernel::kvec![0u8; n]?;
    let c = kernel::kvec![
        "one",
        "two", // trailing
    ]?;
}
