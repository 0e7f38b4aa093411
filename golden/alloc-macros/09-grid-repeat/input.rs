fn grid(w: usize, h: usize) {
    let board = vec![vec![0u8; w]; h];
    let rows: Vec<Vec<u32>> = vec![Vec::new(); h];
    let empty = vec![vec![]; 3];
    let odd = vec![make_row(); h];
}
