fn f() {
    let a = kernel::kvec![1, 2]?;
    let b = kernel::kvec![0; 4]?;
}
