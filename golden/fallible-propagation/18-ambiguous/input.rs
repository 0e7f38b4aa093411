struct A {
    v: KVec<u8>,
}
struct B;

impl A {
    fn put(&mut self, x: u8) {
        self.v.push(x, GFP_KERNEL)?;
    }
}

impl B {
    fn put(&mut self, x: u8) {}
}

fn unknown(items: &mut [A]) {
    for a in items.iter_mut() {
        a.put(1);
    }
}
