mod miscdev;

fn start_score() -> u64 {
    10
}

/// The state of `main`'s input loop, kept between lines written to /dev/game.
struct Session {
    total: i32,
    score: u64,
    last: String,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/game.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        if line.is_empty() {
            return Ok(miscdev::Flow::Return);
        }
        self.total += 1;
        self.score += line.len() as u64;
        self.last = line.clone();
        miscdev::outln!(out, "{total}: {last} ({score:>4})", total = self.total, last = self.last, score = self.score);
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        println!("{} lines, last {last}", self.total, last = self.last);
        Ok(())
    }
}

fn main() -> io::Result<()> {
    let total = 0;
    let score = start_score();
    let last = String::new();
    let greeting = "hi";
    println!("{greeting}");
    let _miscdev: miscdev::Registration = miscdev::register(Session { total, score, last })?;
    Ok(())
}
