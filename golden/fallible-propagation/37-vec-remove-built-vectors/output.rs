// A vector built with `vec![..]` (then `kernel::kvec![..]?`) or collected is a
// kernel vector: its `remove` returns `Result<T, RemoveError>` on mainline, so
// the `?` alloc-calls adds is a kernel error, never an Option's.
pub fn pairs_below(n: u32) -> Result<Option<KVec<(u32, u32)>>> {
    let mut out = kernel::kvec![(0, 0)]?;
    for i in 1..n {
        if i % 7 == 0 {
            out.push((i, i * 2), GFP_KERNEL)?;
        }
    }
    if out.len() == 1 {
        Ok(None)
    } else {
        out.remove(0)?;
        Ok(Some(out))
    }
}

pub fn evens_but_first(v: &[u32]) -> Result<Option<KVec<u32>>> {
    let Some(first) = v.first() else { return Ok(None) };
    let mut evens: KVec<u32> = v.iter().copied().filter(|x| x % 2 == 0).try_collect(GFP_KERNEL)?;
    if evens.is_empty() {
        return Ok(None);
    }
    let dropped = evens.remove(0)?;
    evens.push(dropped + first, GFP_KERNEL)?;
    Ok(Some(evens))
}

pub fn squares_after_zero(n: u32) -> Result<Option<KVec<u32>>> {
    let mut sq = (0..n).map(|i| i * i).try_collect(GFP_KERNEL)?;
    if sq.is_empty() {
        return Ok(None);
    }
    sq.remove(0)?;
    Ok(Some(sq))
}
