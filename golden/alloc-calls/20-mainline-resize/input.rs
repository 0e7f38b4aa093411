fn f(v: &mut Vec<u8>) {
    v.resize(10, 0);
    v.truncate(3);
}
