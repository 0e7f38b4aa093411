use std::sync::Arc;

fn f(xs: &[u8]) {
    let mut v: Vec<u8> = Vec::with_capacity(4, GFP_KERNEL)?;
    v.push(1, GFP_KERNEL)?;
    v.extend_from_slice(xs, GFP_KERNEL)?;
    v.reserve(2, GFP_KERNEL)?;
    v.resize(10, 0);
    let c = v.try_to_vec(GFP_KERNEL)?;
    let b = Box::new(5, GFP_KERNEL)?;
    let a = Arc::new(c, GFP_KERNEL)?;
}
