mod miscdev;

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    words: u32,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        for w in line.split(' ') {
            if w == "stop" {
                return Ok(miscdev::Flow::Break);
            }
            if w.is_empty() {
                break;
            }
            self.words += 1;
        }
        let check = |n: u32| -> bool {
            if n > 100 {
                return false;
            }
            true
        };
        if !check(self.words) {
            return Ok(miscdev::Flow::Return);
        }
        miscdev::outln!(out, "{} words", self.words);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        Ok(())
    }
}

fn main() {
    let words: u32 = 0;
    let _miscdev: miscdev::Registration = miscdev::register(Session { words })?;
}
