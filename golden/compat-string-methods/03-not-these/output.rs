// Receivers kport cannot see as text: left to the allocation passes and the reports.
struct Buf;

impl Buf {
    fn push_str(&mut self, _s: &str) {}
}

fn f(b: &mut Buf, v: &mut KVec<u32>, x: &mut u32, items: &Items) {
    b.push_str("x");
    v.push(1);
    *x += 1;
    let c = items.clone();
    let h = items.handle.join();
    let _ = (c, h);
}
