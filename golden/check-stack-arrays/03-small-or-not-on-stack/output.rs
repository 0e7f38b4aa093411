static TABLE: [u8; 4096] = [0; 4096];
const ZEROS: [u64; 1024] = [0; 1024];

fn small(data: &[u8; 8192]) -> usize {
    let b = [0u8; 1024];
    let refs: [&[u8]; 4] = [&TABLE, &b, data, &[]];
    refs.len() + ZEROS.len()
}
