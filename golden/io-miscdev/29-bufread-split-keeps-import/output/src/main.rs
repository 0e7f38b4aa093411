//! Must not drop `BufRead`: a helper calls `BufRead::split` (its argument is a byte,
//! not a char or a string), which still needs the trait in scope.
mod miscdev;

use std::io::BufRead;

fn records(r: impl BufRead) -> usize {
    r.split(b';').count()
}

/// The state of `main`'s input loop, kept between lines written to /dev/sums.
struct Session {
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/sums.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        miscdev::outln!(out, "{} records", records(line.as_bytes()));
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        Ok(())
    }
}

fn main() {
    let _miscdev: miscdev::Registration = miscdev::register(Session {})?;
}
