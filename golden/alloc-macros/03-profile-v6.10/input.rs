fn f(n: usize, v: u8) {
    let a = vec![1, 2, 3];
    let b = vec![v, v + 1];
    let c = vec![0u8; n];
    let d: Vec<u8> = vec![];
}
