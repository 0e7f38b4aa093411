fn f() {
    let mut v: Vec<u8> = Vec::new();
    v.push(1);
    {
        let mut v = other();
        v.push(2);
    }
    let v = "text";
    let _ = v;
}
