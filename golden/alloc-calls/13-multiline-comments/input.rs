fn f() {
    let mut v: Vec<u32> = Vec::new();
    v
        // the first value
        .push(
            compute(1), // trailing comma
        );
    v.push(compute(2) /* no comma */);
    v.push(
        compute(3)
    );
}
