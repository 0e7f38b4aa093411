struct Log {
    entries: Vec<u32>,
    name: String,
}

impl Log {
    fn add(&mut self, x: u32) {
        self.entries.push(x, GFP_KERNEL)?;
        self.entries.reserve(8, GFP_KERNEL)?;
        self.name.push('!');
    }
}
