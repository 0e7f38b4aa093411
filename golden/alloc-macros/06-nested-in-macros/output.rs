fn f() {
    let grid = kernel::kvec![kernel::kvec![0u8; 3]?, kernel::kvec![1u8; 3]?]?;
    assert_eq!(grid[0], kernel::kvec![0u8, 0, 0]?);
}
