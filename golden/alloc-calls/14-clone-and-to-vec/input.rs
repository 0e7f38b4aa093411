fn copies(v: &Vec<u32>, s: &[u8], grid: &Vec<Vec<u8>>) {
    let a = v.clone();
    let b = s.to_vec();
    let c = grid.clone();
    let d = [1u8, 2, 3].to_vec();
    let e = unknown().to_vec();
}
