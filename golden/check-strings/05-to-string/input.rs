fn name(n: u32) -> usize {
    let s = n.to_string();
    s.len()
}

fn show<T: ToString>(t: T) -> usize {
    t.to_string().len()
}
