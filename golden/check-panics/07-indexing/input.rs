fn checksum(buf: &[u8], table: &[u32; 256]) -> u32 {
    let mut sum = 0;
    let head = &buf[..4];
    for i in 0..head.len() {
        sum ^= table[head[i] as usize];
    }
    sum
}
