fn f(v: &mut Vec<u8>) {
    v.push(1);
    v.resize(10, 0);
}
