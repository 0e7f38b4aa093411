fn grid(w: usize, h: usize) {
    let board = { let n = h; let mut v = Vec::with_capacity(n, GFP_KERNEL)?; for _ in 0..n { let m = w; let mut row = Vec::with_capacity(m, GFP_KERNEL)?; for _ in 0..m { row.push(0u8, GFP_KERNEL)?; } v.push(row, GFP_KERNEL)?; } v };
    let rows: Vec<Vec<u32>> = { let n = h; let mut v = Vec::with_capacity(n, GFP_KERNEL)?; for _ in 0..n { v.push(Vec::new(), GFP_KERNEL)?; } v };
    let flags = { let n = w + 1; let mut v = Vec::with_capacity(n, GFP_KERNEL)?; for _ in 0..n { v.push(false, GFP_KERNEL)?; } v };
    let odd = vec![make_row(); h];
}
