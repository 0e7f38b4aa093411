fn collect(n: u32, out: &mut KVec<u32>) {
    if n == 0 {
        return;
    }
    out.push(n, GFP_KERNEL)?;
    collect(n - 1, out);
}

fn depth(n: u32, out: &mut KVec<u32>) -> u32 {
    if n == 0 { 0 } else { out.push(n, GFP_KERNEL)?; 1 + depth(n - 1, out) }
}
