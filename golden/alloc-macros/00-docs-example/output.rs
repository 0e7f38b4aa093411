fn buffers(n: usize) {
    let empty: Vec<u8> = KVec::new();
    let v = kernel::kvec![1, 2, 3]?;
    let z = kernel::kvec![0u8; n]?;
}
