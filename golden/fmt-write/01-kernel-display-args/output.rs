use kernel::fmt;
use kernel::fmt::Write;

#[derive(Clone, Copy, Debug)]
enum Level {
    Info,
    Warn,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Level::Info => "INFO",
            Level::Warn => "WARN",
        })
    }
}

struct Entry {
    level: Level,
    code: u32,
    seen: KVec<Level>,
}

enum Event {
    Raised(Level, u32),
    Cleared { was: Level },
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Width and fill reach Level's own impl, as before.
        f.write_fmt(fmt!("{:<5}|", self.level))?;
        for l in self.seen.iter() {
            f.write_fmt(fmt!(" {}", l))?;
        }
        let level = self.level;
        f.write_fmt(fmt!(" [{level}]"))?;
        f.write_fmt(fmt!(" {} ({:?}) #{}\n", self.level, self.level, self.code))
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Raised(level, n) => f.write_fmt(fmt!("raised {} x{}", level, n)),
            Self::Cleared { was } => f.write_fmt(fmt!("cleared {was}", was = was)),
        }
    }
}

fn log(w: &mut dyn Write, e: &Entry) -> fmt::Result {
    // Only primitives and Debug: `write!` builds as it is.
    write!(w, "{} {:?}", e.code, e.level)?;
    writeln!(w)?;
    (*w).write_fmt(fmt!("{}", e))
}
