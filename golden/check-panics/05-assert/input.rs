fn set_len(len: usize) -> usize {
    assert!(len <= 64);
    assert_eq!(len % 2, 0, "even");
    assert_ne!(len, 0);
    len
}
