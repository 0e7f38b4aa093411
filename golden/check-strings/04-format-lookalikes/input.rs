use core::fmt::Write;

struct Buf;

impl Write for Buf {
    fn write_str(&mut self, _s: &str) -> core::fmt::Result {
        Ok(())
    }
}

fn show(b: &mut Buf, id: u32) -> core::fmt::Result {
    let format = 3;
    write!(b, "dev{} {}", id, format)?;
    b.write_fmt(format_args!("{}", id))
}
