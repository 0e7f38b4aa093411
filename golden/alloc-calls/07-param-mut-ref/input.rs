fn fill(v: &mut Vec<u8>, extra: &[u8]) {
    v.reserve(extra.len() + 1);
    v.extend_from_slice(extra);
    v.push(0);
}

fn take(mut v: Vec<u8>) -> Vec<u8> {
    v.push(1);
    v
}
