use kernel::fmt;

#[derive(Clone, Copy)]
enum Level {
    Info,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad("INFO")
    }
}

enum ParseError {
    Number(core::num::ParseIntError),
    Level(Level),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A core-only Display value with a kernel-only one: neither form builds.
            ParseError::Number(e) => write!(f, "{}: {}", Level::Info as u8, e),
            ParseError::Level(l) => write!(f, "{} after {}", l, core::num::NonZeroU8::MIN),
        }
    }
}

struct Row {
    level: Level,
    width: usize,
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `fmt!` would wrap the width too.
        write!(f, "{:>1$}", self.level, self.width)?;
        // Only a core-only value: `write!` builds as it is.
        write!(f, "{}", core::num::NonZeroU8::MIN)
    }
}
