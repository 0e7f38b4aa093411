fn grid(w: usize, h: usize) {
    let board = { let n = h; let mut v = KVec::with_capacity(n, GFP_KERNEL)?; for _ in 0..n { v.push(kernel::kvec![0u8; w]?, GFP_KERNEL)?; } v };
    let rows: Vec<Vec<u32>> = { let n = h; let mut v = KVec::with_capacity(n, GFP_KERNEL)?; for _ in 0..n { v.push(KVec::new(), GFP_KERNEL)?; } v };
    let empty = { let n = 3; let mut v = KVec::with_capacity(n, GFP_KERNEL)?; for _ in 0..n { v.push(KVec::new(), GFP_KERNEL)?; } v };
    let odd = kernel::kvec![make_row(); h]?;
}
