fn f(thing: &mut impl Extend<u8>) {
    let mut v = make_buffer();
    v.push(1);
    for mut w in buffers() {
        w.push(2);
    }
}
