mod miscdev;

use std::cmp::Ordering;

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    secret_number: u32,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, guess: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        let guess: u32 = match guess.trim().parse() {
            Ok(num) => num,
            Err(_) => return Ok(miscdev::Flow::Continue),
        };

        miscdev::outln!(out, "You guessed: {guess}");

        match guess.cmp(&self.secret_number) {
            Ordering::Less => miscdev::outln!(out, "Too small!"),
            Ordering::Greater => miscdev::outln!(out, "Too big!"),
            Ordering::Equal => {
                miscdev::outln!(out, "You win!");
                return Ok(miscdev::Flow::Break);
            }
        }
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        Ok(())
    }
}

fn main() {
    println!("Guess the number!");
    let secret_number: u32 = 42;
    let _miscdev: miscdev::Registration = miscdev::register(Session { secret_number })?;
}
