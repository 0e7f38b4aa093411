fn make(n: usize) -> Vec<u8> {
    let mut a = Vec::with_capacity(n);
    let b = Vec::<u16>::with_capacity(4);
    let c = std::vec::Vec::<u32>::with_capacity(n * 2);
    a.push(0);
    drop((b, c));
    a
}
