mod miscdev;

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    count: usize,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        self.count += line.len();
        miscdev::outln!(out, "{count}", count = self.count);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        Ok(())
    }
}

fn main() {
    let count: usize = 0;
    let _miscdev: miscdev::Registration = miscdev::register(Session { count })?;
}
