mod miscdev;

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    sum: i64,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, buf: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        match buf.trim().parse::<i64>() {
            Ok(n) => self.sum += n,
            Err(_) => {
                miscdev::outln!(out, "not a number: {:?}", buf);
                return Ok(miscdev::Flow::Continue);
            }
        }
        miscdev::out!(out, "sum = {}\n", self.sum);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        println!("total {}", self.sum);
        Ok(())
    }
}

fn main() -> io::Result<()> {
    let sum: i64 = 0;
    let _miscdev: miscdev::Registration = miscdev::register(Session { sum })?;
    Ok(())
}
