use std::fmt;

/// One product line in the store.
#[derive(Debug, Clone)]
pub struct Item {
    pub name: String,
    pub quantity: u32,
    pub price_cents: u64,
    pub sold: u32,
}

impl Item {
    pub fn new(name: &str, quantity: u32, price_cents: u64) -> Item {
        Item { name: name.to_string(), quantity, price_cents, sold: 0 }
    }

    pub fn value(&self) -> u64 {
        self.quantity as u64 * self.price_cents
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<10} {:>4} @ {:>8}", self.name, self.quantity, crate::report::money(self.price_cents))
    }
}
