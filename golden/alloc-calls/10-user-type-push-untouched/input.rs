struct Stack {
    items: [u8; 4],
    len: usize,
}

impl Stack {
    fn new() -> Self {
        Stack { items: [0; 4], len: 0 }
    }

    fn push(&mut self, x: u8) {
        self.items[self.len] = x;
        self.len += 1;
    }
}

fn run(other: &mut Stack) {
    let mut s = Stack::new();
    s.push(1);
    other.push(2);
}
