fn f(mut xs: Vec<u32>, ys: &mut [i64]) {
    xs.sort();
    ys.sort();
    let mut cs = vec!['b', 'a'];
    cs.sort();
}
