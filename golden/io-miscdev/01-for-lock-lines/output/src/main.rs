//! Walk around a cave.
mod miscdev;

struct Cave {
    here: usize,
}

impl Cave {
    fn new() -> Cave {
        Cave { here: 0 }
    }

    fn go(&mut self, dir: &str) -> Option<&'static str> {
        match dir {
            "n" => {
                self.here += 1;
                Some("a tunnel")
            }
            _ => None,
        }
    }
}

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    cave: Cave,
    moves: u32,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        let cmd = line.trim();
        if cmd == "quit" {
            return Ok(miscdev::Flow::Break);
        }
        if cmd.is_empty() {
            return Ok(miscdev::Flow::Continue);
        }
        self.moves += 1;
        match self.cave.go(cmd) {
            Some(room) => miscdev::outln!(out, "You are in {}.", room),
            None => miscdev::outln!(out, "You can't go that way."),
        }
        miscdev::out!(out, "moves: {moves}", moves = self.moves);
        miscdev::outln!(out);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        println!("You made {} moves.", self.moves);
        Ok(())
    }
}

fn main() {
    let cave = Cave::new();
    let moves: u32 = 0;
    println!("You wake up in a dark cave. Go n, s, e or w; quit to stop.");
    let _miscdev: miscdev::Registration = miscdev::register(Session { cave, moves })?;
}
