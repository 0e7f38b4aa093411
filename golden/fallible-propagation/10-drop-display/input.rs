struct Log {
    lines: KVec<u32>,
}

impl Log {
    fn note(&mut self, x: u32) {
        self.lines.push(x, GFP_KERNEL)?;
    }
}

impl Drop for Log {
    fn drop(&mut self) {
        self.note(0);
    }
}

impl fmt::Display for Log {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut copy = KVec::with_capacity(self.lines.len(), GFP_KERNEL)?;
        copy.push(1, GFP_KERNEL)?;
        write!(f, "{}", copy.len())
    }
}
