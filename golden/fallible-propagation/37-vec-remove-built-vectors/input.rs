// A vector built with `vec![..]` (then `kernel::kvec![..]?`) or collected is a
// kernel vector: its `remove` returns `Result<T, RemoveError>` on mainline, so
// the `?` alloc-calls adds is a kernel error, never an Option's.
pub fn pairs_below(n: u32) -> Option<Vec<(u32, u32)>> {
    let mut out = vec![(0, 0)];
    for i in 1..n {
        if i % 7 == 0 {
            out.push((i, i * 2));
        }
    }
    if out.len() == 1 {
        None
    } else {
        out.remove(0);
        Some(out)
    }
}

pub fn evens_but_first(v: &[u32]) -> Option<Vec<u32>> {
    let first = v.first()?;
    let mut evens: Vec<u32> = v.iter().copied().filter(|x| x % 2 == 0).collect();
    if evens.is_empty() {
        return None;
    }
    let dropped = evens.remove(0);
    evens.push(dropped + first);
    Some(evens)
}

pub fn squares_after_zero(n: u32) -> Option<Vec<u32>> {
    let mut sq = (0..n).map(|i| i * i).collect::<Vec<_>>();
    if sq.is_empty() {
        return None;
    }
    sq.remove(0);
    Some(sq)
}
