struct Store {
    items: KVec<u32>,
}

impl Store {
    fn record(&mut self, x: u32) -> Result<usize> {
        self.items.push(x, GFP_KERNEL)?;
        Ok(self.items.len())
    }
}

struct Session {
    store: Store,
}

impl Session {
    // A method called on a field chain inside a macro's arguments: found by its name.
    fn line(&mut self) -> Result {
        pr_info!("{} items\n", self.store.record(1)?);
        Ok(())
    }
}
