use std::sync::Arc;

fn f(xs: &[u8]) {
    let mut v: Vec<u8> = Vec::with_capacity(4);
    v.push(1);
    v.extend_from_slice(xs);
    v.reserve(2);
    v.resize(10, 0);
    let c = v.clone();
    let b = Box::new(5);
    let a = Arc::new(c);
}
