fn buffers(n: usize) {
    let empty: Vec<u8> = vec![];
    let v = vec![1, 2, 3];
    let z = vec![0u8; n];
}
