//! Count the words people type, one line at a time.
use kernel::prelude::*;

mod miscdev;

/// The state of `main`'s input loop, kept between lines written to /dev/tally.
struct Session {
    lengths: KVec<usize>,
    lines_seen: u32,
}

impl Session {
    /// The body of `main`'s input loop: runs once per line written to /dev/tally.
    fn line(&mut self, line: &str, out: &mut miscdev::Output) -> Result<miscdev::Flow> {
        if line.is_empty() {
            return Ok(miscdev::Flow::Break);
        }
        self.lines_seen += 1;
        for w in line.split_whitespace() {
            self.lengths.push(w.len(), GFP_KERNEL)?;
        }
        miscdev::outln!(out, "{} words so far", self.lengths.len());
        Ok(miscdev::Flow::Continue)
    }

    /// What `main` does after its input loop: runs when the session ends.
    fn finish(&mut self) -> Result {
        pr_info!("{lines_seen} lines, {} words\n", self.lengths.len(), lines_seen = self.lines_seen);
        Ok(())
    }
}

module! {
    type: Tally,
    name: "tally",
    authors: ["Ada"],
    description: "Count the words people type, one line at a time",
    license: "GPL v2",
}

struct Tally {
    _miscdev: miscdev::Registration,
}

impl kernel::Module for Tally {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let lengths: KVec<usize> = KVec::new();
        let lines_seen: u32 = 0;
        pr_info!("Type words; an empty line ends.\n");
        let _miscdev: miscdev::Registration = miscdev::register(Session { lengths, lines_seen })?;
        Ok(Tally { _miscdev })
    }
}
