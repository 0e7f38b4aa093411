struct Stack {
    items: KVec<i32>,
}

impl Stack {
    fn new() -> Self {
        Stack { items: KVec::new() }
    }

    fn push(&mut self, x: i32) {
        self.items.push(x, GFP_KERNEL)?;
    }

    fn push_twice(&mut self, x: i32) {
        self.push(x);
        self.push(x);
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}

fn use_stack() -> usize {
    let mut s = Stack::new();
    s.push_twice(3);
    s.len()
}

fn use_param(s: &mut Stack) {
    s.push(1);
}
