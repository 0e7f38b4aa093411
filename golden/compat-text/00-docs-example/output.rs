use std::fmt;

struct Wrapper(Vec<String>);

impl fmt::Display for Wrapper {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "[{}]", self.0.display_join(", "))
    }
}

fn frame(len: usize) {
    println!("{}", "*".try_repeat(len + 4, GFP_KERNEL)?);
}
