// No type here implements the kernel's Display: every write! builds as written.
use core::fmt;

struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

fn show(f: &mut fmt::Formatter<'_>, p: &Point) -> fmt::Result {
    writeln!(f, "{} {:>4}", p, p.x)
}
