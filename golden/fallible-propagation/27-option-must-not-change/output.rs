// Functions returning `Option` that allocate nothing keep their signature and their `?`.
fn second(xs: &[u32]) -> Option<u32> {
    let x = xs.get(1)?;
    Some(*x + xs.first()?)
}

fn lookup(keys: &[u32], k: u32) -> Option<usize> {
    keys.iter().position(|&x| x == k)
}

// The allocation failure is already handled here, as the author decided.
fn remember(v: &mut KVec<u32>, k: u32) -> Option<()> {
    v.push(k, GFP_KERNEL).ok()?;
    Some(())
}

fn use_them(keys: &[u32]) -> u32 {
    second(keys).unwrap_or(0) + lookup(keys, 3).map(|i| i as u32).unwrap_or(0)
}
