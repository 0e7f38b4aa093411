fn fill(v: &mut KVec<u32>, n: u32) {
    for i in 0..n {
        v.push(i, GFP_KERNEL)?;
    }
}

fn one(v: &mut KVec<u32>) { v.push(1, GFP_KERNEL)?; }

fn tail_call(v: &mut KVec<u32>) {
    // The last statement is a unit call without `;`.
    fill(v, 3)
}

fn trailing_comment(v: &mut KVec<u32>) {
    v.push(2, GFP_KERNEL)?; // keep me here
}
