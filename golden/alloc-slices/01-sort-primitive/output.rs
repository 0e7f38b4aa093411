fn f(mut xs: Vec<u32>, ys: &mut [i64]) {
    xs.sort_unstable();
    ys.sort_unstable();
    let mut cs = vec!['b', 'a'];
    cs.sort_unstable();
}
