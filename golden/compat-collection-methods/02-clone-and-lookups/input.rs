use std::collections::{HashMap, HashSet};

struct Store {
    items: HashMap<String, u32>,
    names: HashSet<String>,
}

impl Store {
    fn stock(&self, name: &str) -> u32 {
        let snapshot = self.items.clone();
        let known = self.names.contains(name) || self.items.contains_key("default");
        match snapshot.get(name) {
            Some(n) if known => *n,
            _ => 0,
        }
    }

    fn take(&mut self, name: &String) -> Option<u32> {
        self.items.remove(name)
    }
}
