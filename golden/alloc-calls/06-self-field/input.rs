struct Log {
    entries: Vec<u32>,
    name: String,
}

impl Log {
    fn add(&mut self, x: u32) {
        self.entries.push(x);
        self.entries.reserve(8);
        self.name.push('!');
    }
}
