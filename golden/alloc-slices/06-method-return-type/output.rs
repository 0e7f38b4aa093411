struct Item {
    value: u64,
}

struct Store {
    items: Vec<Item>,
}

impl Store {
    fn items(&self) -> Vec<&Item> {
        self.items.iter().collect()
    }
}

fn print_stock(store: &Store) {
    let mut items = store.items();
    items.sort_by_key(|i| std::cmp::Reverse(i.value));
    let mut values: Vec<u64> = Vec::new();
    values.sort_unstable_by_key(|v| std::cmp::Reverse(*v));
}
