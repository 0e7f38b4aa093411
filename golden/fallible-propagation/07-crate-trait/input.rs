trait Sink {
    fn emit(&mut self, x: u8);
    fn emit_all(&mut self, xs: &[u8]) {
        for x in xs {
            self.emit(*x);
        }
    }
}

struct Buf {
    data: KVec<u8>,
}

struct Null;

impl Sink for Buf {
    fn emit(&mut self, x: u8) {
        self.data.push(x, GFP_KERNEL)?;
    }
}

impl Sink for Null {
    fn emit(&mut self, _x: u8) {}
}

fn send(s: &mut dyn Sink) {
    s.emit(1);
    s.emit_all(&[2, 3]);
}
