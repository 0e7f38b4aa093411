macro_rules! vec {
    ($($x:expr),*) => { [$($x),*] };
}

fn f() -> [u8; 2] {
    vec![1, 2]
}
