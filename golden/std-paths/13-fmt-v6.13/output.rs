use core::fmt;
use core::fmt::{Display, Formatter, LowerHex};

struct P(u8);

impl fmt::Display for P {
    fn fmt(&self, f: &mut Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Debug for P {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        LowerHex::fmt(&self.0, f)
    }
}

fn show<T: Display>(t: T) -> T { t }
