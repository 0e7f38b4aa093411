fn f(n: usize) {
    let a = { let mut v = Vec::try_with_capacity(3)?; v.try_push(1)?; v.try_push(2)?; v.try_push(3)?; v };
    let c = vec![0u8; n];
}
