fn f(xs: &mut Vec<u32>) {
    xs.sort_unstable_by(|a, b| b.cmp(a));
    xs.sort_unstable_by(|x, y| x.cmp(y));
    xs.sort_unstable_by_key(|x| *x);
    xs.sort_unstable_by_key(|&x| std::cmp::Reverse(x));
}
