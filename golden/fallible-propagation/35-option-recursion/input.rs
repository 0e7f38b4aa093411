// Recursion, loops and labels: each `opt?` returns `Ok(None)` from the function itself; the binding in its arm shadows nothing.
fn depth(v: &mut KVec<u32>, n: u32) -> Option<u32> {
    if n == 0 {
        return Some(0);
    }
    v.push(n, GFP_KERNEL)?;
    Some(depth(v, n - 1)? + 1)
}

fn walk(v: &mut KVec<u32>, xs: &[u32]) -> Option<u32> {
    let mut total = 0;
    'outer: for &x in xs {
        loop {
            total += depth(v, x)?;
            if total > 10 {
                break 'outer;
            }
            break;
        }
    }
    Some(total)
}
