fn grid(w: usize, h: usize) {
    let board = vec![vec![0u8; w]; h];
    let rows: Vec<Vec<u32>> = vec![Vec::new(); h];
    let flags = vec![false; w + 1];
    let odd = vec![make_row(); h];
}
