fn f(n: usize, v: u8) {
    let a = { let mut v = Vec::with_capacity(3, GFP_KERNEL)?; v.push(1, GFP_KERNEL)?; v.push(2, GFP_KERNEL)?; v.push(3, GFP_KERNEL)?; v };
    let b = { let mut kport_v = Vec::with_capacity(2, GFP_KERNEL)?; kport_v.push(v, GFP_KERNEL)?; kport_v.push(v + 1, GFP_KERNEL)?; kport_v };
    let c = { let len = n; let mut v = Vec::with_capacity(len, GFP_KERNEL)?; for _ in 0..len { v.push(0u8, GFP_KERNEL)?; } v };
    let d: Vec<u8> = Vec::new();
}
