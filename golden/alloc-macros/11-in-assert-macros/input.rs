fn check(v: &[u8]) {
    assert_eq!(v, vec![1, 2]);
    assert_eq!(v.len(), vec![0u8; 2].len());
    my_macro!(vec![1]);
}
