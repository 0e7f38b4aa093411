
struct Store {
    items: Map<KString, u32>,
    names: Set<KString>,
}

impl Store {
    fn stock(&self, name: &str) -> u32 {
        let snapshot = self.items.try_clone()?;
        let known = self.names.contains(&KString::try_from(name)?) || self.items.contains_key(&KString::try_from("default")?);
        match snapshot.get(&KString::try_from(name)?) {
            Some(n) if known => *n,
            _ => 0,
        }
    }

    fn take(&mut self, name: &KString) -> Option<u32> {
        self.items.remove(name)
    }
}
