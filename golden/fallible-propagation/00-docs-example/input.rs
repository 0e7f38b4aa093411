fn fill(v: &mut KVec<u32>, n: u32) {
    for i in 0..n {
        v.push(i, GFP_KERNEL)?;
    }
}

fn total(n: u32) -> u32 {
    let mut v = KVec::new();
    fill(&mut v, n);
    v.iter().sum()
}
