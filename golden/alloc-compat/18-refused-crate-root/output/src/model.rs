use kernel::prelude::*;

pub struct Shelf {
    pub label: KString,
}

impl Shelf {
    pub fn new() -> Self {
        Shelf { label: KString::new() }
    }
}
