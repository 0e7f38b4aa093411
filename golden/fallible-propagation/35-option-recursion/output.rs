// Recursion, loops and labels: each `opt?` returns `Ok(None)` from the function itself; the binding in its arm shadows nothing.
fn depth(v: &mut KVec<u32>, n: u32) -> Result<Option<u32>> {
    if n == 0 {
        return Ok(Some(0));
    }
    v.push(n, GFP_KERNEL)?;
    Ok(Some((match depth(v, n - 1)? { Some(x) => x, None => return Ok(None) }) + 1))
}

fn walk(v: &mut KVec<u32>, xs: &[u32]) -> Result<Option<u32>> {
    let mut total = 0;
    'outer: for &x in xs {
        loop {
            total += match depth(v, x)? { Some(some) => some, None => return Ok(None) };
            if total > 10 {
                break 'outer;
            }
            break;
        }
    }
    Ok(Some(total))
}
