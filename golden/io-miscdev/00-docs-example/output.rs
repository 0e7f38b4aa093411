mod miscdev;

/// The state of `main`'s input loop, kept between lines written to /dev/input.
struct Session {
    moves: u32,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/input.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        if line == "quit" { return Ok(miscdev::Flow::Break); }
        self.moves += 1;
        miscdev::outln!(out, "{} moves", self.moves);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        Ok(())
    }
}

fn main() {
    let moves: u32 = 0;
    let _miscdev: miscdev::Registration = miscdev::register(Session { moves })?;
}
