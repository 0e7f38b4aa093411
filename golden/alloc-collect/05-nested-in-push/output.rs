fn rows(w: &[u8]) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = Vec::new();
    v.push(w.iter().map(|x| x + 1).try_collect(GFP_KERNEL)?);
    v
}
