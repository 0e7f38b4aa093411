fn checksum(data: &[u8]) -> u8 {
    let mut buf = [0u8; 4096];
    buf[..data.len()].copy_from_slice(data);
    buf.iter().fold(0, |a, b| a ^ b)
}
