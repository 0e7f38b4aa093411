fn take(v: &mut Vec<u32>, i: usize) -> u32 {
    let x = v.remove(i);
    for y in v.drain(..) {
        let _ = y;
    }
    v.drain(..2);
    v.truncate(1);
    v.retain(|x| *x > 1);
    let _ = v.pop();
    v.clear();
    x
}
