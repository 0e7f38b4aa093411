struct Stack {
    items: KVec<i32>,
}

impl Stack {
    fn new() -> Self {
        Stack { items: KVec::new() }
    }

    fn push(&mut self, x: i32) -> Result {
        self.items.push(x, GFP_KERNEL)?;
        Ok(())
    }

    fn push_twice(&mut self, x: i32) -> Result {
        self.push(x)?;
        self.push(x)?;
        Ok(())
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}

fn use_stack() -> Result<usize> {
    let mut s = Stack::new();
    s.push_twice(3)?;
    Ok(s.len())
}

fn use_param(s: &mut Stack) -> Result {
    s.push(1)?;
    Ok(())
}
