fn f(xs: &[u32]) {
    let v = xs.iter().copied().collect();
    takes(v);
}
