// The file defines its own `format!` and `to_string`: not std's.
macro_rules! format {
    ($($t:tt)*) => { 0 };
}

struct Id(u32);

impl Id {
    fn to_string(&self) -> u32 {
        self.0
    }
}

fn f(i: &Id) -> u32 {
    format!("x") + i.to_string()
}
