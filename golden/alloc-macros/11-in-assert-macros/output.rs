fn check(v: &[u8]) {
    assert_eq!(v, kernel::kvec![1, 2]?);
    assert_eq!(v.len(), kernel::kvec![0u8; 2]?.len());
    my_macro!(vec![1]);
}
