mod miscdev;

#[derive(Default)]
struct Tally {
    yes: u32,
}

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    tally: Tally,
    t: Tally,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        match line.trim() {
            "y" => self.tally.yes += 1,
            "q" => return Ok(miscdev::Flow::Break),
            _ => {
                self.t.yes += 1;
                miscdev::outln!(out, "? {}", line);
                return Ok(miscdev::Flow::Continue);
            }
        }
        miscdev::outln!(out, "yes: {}", self.tally.yes);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        println!("bye after {} yes, {} other", self.tally.yes, self.t.yes);
        Ok(())
    }
}

fn main() {
    let tally = Tally::default();
    let t = Tally { yes: 0 };
    let _miscdev: miscdev::Registration = miscdev::register(Session { tally, t })?;
}
