fn read() -> u8 {
    let buf = [0u8; 4096];
    let words: [u64; 256] = [0; 256];
    buf[0] + words[0] as u8
}
