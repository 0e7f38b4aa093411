struct Inventory {
    items: Vec<u32>,
}

fn restock(inv: &mut Inventory, n: u32) {
    inv.items.push(n);
}

fn fresh() -> Inventory {
    let mut inv = Inventory { items: Vec::new() };
    inv.items.push(0);
    inv
}
