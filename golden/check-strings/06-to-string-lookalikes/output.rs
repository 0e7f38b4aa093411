struct Code(u8);

impl Code {
    fn to_string(&self, buf: &mut [u8]) -> usize {
        buf.len() + self.0 as usize
    }
}

fn as_text(b: &[u8]) -> Option<&str> {
    core::str::from_utf8(b).ok()
}
