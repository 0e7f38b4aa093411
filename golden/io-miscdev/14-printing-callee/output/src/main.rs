mod miscdev;

struct Game {
    score: u32,
}

impl Game {
    fn play(&mut self, word: &str) {
        self.score += 1;
        self.show(word);
    }

    fn show(&self, word: &str) {
        println!("{}: {}", word, self.score);
    }
}

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    game: Game,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, line: &str, _out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        self.game.play(&line);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        Ok(())
    }
}

fn main() {
    let game = Game { score: 0 };
    let _miscdev: miscdev::Registration = miscdev::register(Session { game })?;
}
