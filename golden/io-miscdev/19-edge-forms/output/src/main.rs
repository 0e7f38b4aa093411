//! Edge forms: a lines binding as the iterable, a multi-line string, a nested
//! fn, a tail expression, `return;` after the loop.
mod util;
mod miscdev;

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    seen: u64,
    banner: &'static str,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        fn shout(s: &str) -> usize {
            let seen = s.len();
            seen
        }
        self.seen += shout(&line) as u64;
        miscdev::outln!(out,
            "seen {} after
{}",
            self.seen, self.banner
        );
        // the end of the body
        util::tick();
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        if self.seen == 0 {
            return Ok(());
        }
        println!("{seen} bytes", seen = self.seen);
        Ok(())
    }
}

fn main() {
    let seen: u64 = 0;
    let banner: &'static str = "start";
    let _miscdev: miscdev::Registration = miscdev::register(Session { seen, banner })?;
}
