//! Sum comma-separated numbers, one list per line. The helpers split with
//! `str::split`, so `BufRead` is only the input loop's and goes with it.
mod miscdev;

fn sum(list: &str) -> Option<u64> {
    let mut total = 0;
    for part in list.split(',') {
        total += part.trim().parse::<u64>().ok()?;
    }
    Some(total)
}

fn words(text: &str) -> usize {
    text.split(|c: char| c == ';' || c == ' ').filter(|w| !w.is_empty()).count() + text.split("--").count()
}

/// The state of `main`'s input loop, kept between lines written to /dev/sums.
struct Session {
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/sums.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        match sum(&line) {
            Some(total) => miscdev::outln!(out, "{} ({} words)", total, words(&line)),
            None => miscdev::outln!(out, "not a list"),
        }
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        Ok(())
    }
}

fn main() {
    let _miscdev: miscdev::Registration = miscdev::register(Session {})?;
}
