fn add(grid: &mut Vec<Vec<u8>>, row: usize, x: u8) {
    grid[row].push(x);
    grid.push(Vec::new());
}
