mod miscdev;

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    n: u8,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, text: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        self.n = self.n.wrapping_add(1);
        miscdev::out!(out, "{n}:{text};", n = self.n);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        println!();
        Ok(())
    }
}

fn main() {
    let n: u8 = 0;
    let _miscdev: miscdev::Registration = miscdev::register(Session { n })?;
}
