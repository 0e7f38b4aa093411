use std::sync::Arc;

fn f(xs: &[u8]) {
    let mut v: Vec<u8> = Vec::try_with_capacity(4)?;
    v.try_push(1)?;
    v.try_extend_from_slice(xs)?;
    v.try_reserve(2)?;
    v.try_resize(10, 0)?;
    let c = v.try_to_vec()?;
    let b = Box::new(5);
    let a = Arc::try_new(c)?;
}
