trait Sink {
    fn emit(&mut self, x: u8) -> Result;
    fn emit_all(&mut self, xs: &[u8]) -> Result {
        for x in xs {
            self.emit(*x)?;
        }
        Ok(())
    }
}

struct Buf {
    data: KVec<u8>,
}

struct Null;

impl Sink for Buf {
    fn emit(&mut self, x: u8) -> Result {
        self.data.push(x, GFP_KERNEL)?;
        Ok(())
    }
}

impl Sink for Null {
    fn emit(&mut self, _x: u8) -> Result { Ok(()) }
}

fn send(s: &mut dyn Sink) -> Result {
    s.emit(1)?;
    s.emit_all(&[2, 3])?;
    Ok(())
}
