fn len(b: &[u8]) -> usize {
    b.len()
}

struct Buf {
    data: [u8; 8],
}

impl Buf {
    fn len(&self) -> usize {
        len(&self.data)
    }
}

fn outer() -> u32 {
    fn inner() -> u32 {
        1
    }
    inner() + 1
}
