fn fill(v: &mut Vec<u8>, extra: &[u8]) {
    v.reserve(extra.len() + 1, GFP_KERNEL)?;
    v.extend_from_slice(extra, GFP_KERNEL)?;
    v.push(0, GFP_KERNEL)?;
}

fn take(mut v: Vec<u8>) -> Vec<u8> {
    v.push(1, GFP_KERNEL)?;
    v
}
