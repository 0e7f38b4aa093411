pub struct Shelf {
    pub items: Vec<u32>,
    pub label: String,
}

impl Shelf {
    pub fn new() -> Self {
        Shelf { items: Vec::new(), label: String::new() }
    }
}
