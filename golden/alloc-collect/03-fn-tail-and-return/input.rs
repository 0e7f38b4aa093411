fn squares(n: u32) -> Vec<u32> {
    (0..n).map(|i| i * i).collect()
}

fn early(n: u32) -> Vec<u32> {
    if n == 0 {
        return (0..1).collect();
    }
    (0..n).collect()
}

fn closure_tail() -> usize {
    let f = || (0..3).collect();
    let v: Vec<u8> = f();
    v.len()
}
