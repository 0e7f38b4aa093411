fn copies(v: &Vec<u32>, s: &[u8], grid: &Vec<Vec<u8>>) {
    let a = v.try_to_vec(GFP_KERNEL)?;
    let b = s.try_to_vec(GFP_KERNEL)?;
    let c = grid.clone();
    let d = [1u8, 2, 3].try_to_vec(GFP_KERNEL)?;
    let e = unknown().to_vec();
}
