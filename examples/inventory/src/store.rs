use std::collections::BTreeMap;
use std::fmt;

use crate::item::Item;

#[derive(Debug)]
pub enum StoreError {
    NoSuchItem(String),
    NotEnough { name: String, have: u32, want: u32 },
    BadNumber(String),
    BadCommand(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoSuchItem(n) => write!(f, "no item named {}", n),
            StoreError::NotEnough { name, have, want } => write!(f, "only {} {} left, wanted {}", have, name, want),
            StoreError::BadNumber(s) => write!(f, "not a number: {}", s),
            StoreError::BadCommand(s) => write!(f, "unknown command: {}", s),
        }
    }
}

pub struct Store {
    items: BTreeMap<String, Item>,
    revenue: u64,
}

impl Store {
    pub fn new() -> Store {
        Store { items: BTreeMap::new(), revenue: 0 }
    }

    pub fn add(&mut self, name: &str, quantity: u32, price_cents: u64) {
        let item = self.items.entry(name.to_string()).or_insert_with(|| Item::new(name, 0, price_cents));
        item.quantity += quantity;
        item.price_cents = price_cents;
    }

    pub fn sell(&mut self, name: &str, quantity: u32) -> Result<u64, StoreError> {
        let item = self.items.get_mut(name).ok_or_else(|| StoreError::NoSuchItem(name.to_string()))?;
        if item.quantity < quantity {
            return Err(StoreError::NotEnough { name: name.to_string(), have: item.quantity, want: quantity });
        }
        item.quantity -= quantity;
        item.sold += quantity;
        let total = quantity as u64 * item.price_cents;
        self.revenue += total;
        Ok(total)
    }

    pub fn items(&self) -> Vec<&Item> {
        self.items.values().collect()
    }

    pub fn revenue(&self) -> u64 {
        self.revenue
    }
}
