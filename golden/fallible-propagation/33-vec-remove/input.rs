// `KVec::remove` returns `Result<T, RemoveError>` (mainline): its `?` is a kernel error, not an `Option`'s.
fn take_at(v: &mut KVec<u32>, i: usize, keys: &[u32]) -> Option<u32> {
    let k = keys.get(i)?;
    let x = v.remove(i)?;
    Some(x + k)
}

fn take_first(v: &mut KVec<u32>) -> Option<u32> {
    let first = v.first()?;
    let copy = *first;
    v.remove(0)?;
    Some(copy)
}
