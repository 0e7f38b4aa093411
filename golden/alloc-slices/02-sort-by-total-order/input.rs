fn f(xs: &mut Vec<u32>) {
    xs.sort_by(|a, b| b.cmp(a));
    xs.sort_by(|x, y| x.cmp(y));
    xs.sort_by_key(|x| *x);
    xs.sort_by_key(|&x| std::cmp::Reverse(x));
}
