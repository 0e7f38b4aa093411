use core::fmt;
use core::fmt::Write;

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
        write!(f, "{:<5}|", self.level)?;
        for l in self.seen.iter() {
            write!(f, " {}", l)?;
        }
        let level = self.level;
        write!(f, " [{level}]")?;
        writeln!(f, " {} ({:?}) #{}", self.level, self.level, self.code)
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Raised(level, n) => write!(f, "raised {} x{}", level, n),
            Self::Cleared { was } => write!(f, "cleared {was}", was = was),
        }
    }
}

fn log(w: &mut dyn Write, e: &Entry) -> fmt::Result {
    // Only primitives and Debug: `write!` builds as it is.
    write!(w, "{} {:?}", e.code, e.level)?;
    writeln!(w)?;
    write!(*w, "{}", e)
}
