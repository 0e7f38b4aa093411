use kernel::fmt;

struct Slot(u32);

impl fmt::Pointer for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "slot{}", self.0)
    }
}

struct Other;

impl kernel::fmt::Pointer for Other {
    fn fmt(&self, f: &mut kernel::fmt::Formatter<'_>) -> kernel::fmt::Result {
        f.write_str("other")
    }
}
