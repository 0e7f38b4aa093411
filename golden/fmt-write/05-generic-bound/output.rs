// No crate type implements Display, but `T: fmt::Display` is the kernel's trait.
use kernel::fmt;

fn show<T: fmt::Display>(f: &mut fmt::Formatter<'_>, x: T, n: u32) -> fmt::Result {
    f.write_fmt(fmt!("{:>4}: {}", n, x))
}

fn count(f: &mut fmt::Formatter<'_>, n: u32) -> fmt::Result {
    // Only a primitive: unchanged.
    write!(f, "{}", n)
}
