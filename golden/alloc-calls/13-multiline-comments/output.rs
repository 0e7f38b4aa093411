fn f() {
    let mut v: Vec<u32> = Vec::new();
    v
        // the first value
        .push(
            compute(1), GFP_KERNEL, // trailing comma
        )?;
    v.push(compute(2), GFP_KERNEL /* no comma */)?;
    v.push(
        compute(3), GFP_KERNEL
    )?;
}
