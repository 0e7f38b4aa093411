fn f(n: usize) {
    let a = { let mut v = Vec::try_with_capacity(3)?; v.try_push(1)?; v.try_push(2)?; v.try_push(3)?; v };
    let c = { let len = n; let mut v = Vec::try_with_capacity(len)?; for _ in 0..len { v.try_push(0u8)?; } v };
}
