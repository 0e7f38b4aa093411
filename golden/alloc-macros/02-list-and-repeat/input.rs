fn f(n: usize) {
    let a = vec![1, 2, 3];
    let b = vec![0u8; n];
    let c = vec![
        "one",
        "two", // trailing
    ];
}
