fn f() {
    let grid = vec![vec![0u8; 3], vec![1u8; 3]];
    assert_eq!(grid[0], vec![0u8, 0, 0]);
}
