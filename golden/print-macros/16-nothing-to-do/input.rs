use core::fmt::Write;

fn render(out: &mut impl Write) -> core::fmt::Result {
    writeln!(out, "not a print")
}
