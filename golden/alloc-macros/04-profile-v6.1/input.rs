fn f(n: usize) {
    let a = vec![1, 2, 3];
    let c = vec![0u8; n];
}
