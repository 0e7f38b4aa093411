//! Printing the store's state.

use crate::store::Store;

pub fn money(cents: u64) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

pub fn print_stock(store: &Store) {
    let mut items = store.items();
    items.sort_by_key(|i| std::cmp::Reverse(i.value()));
    println!("{:<10} {:>4}   {:>8}", "item", "qty", "price");
    for item in &items {
        println!("{}", item);
    }
    let total: u64 = items.iter().map(|i| i.value()).sum();
    println!("stock value: {}", money(total));
    if let Some(best) = items.iter().max_by_key(|i| i.sold) {
        println!("best seller: {} ({} sold)", best.name, best.sold);
    }
}

pub fn print_low(store: &Store, threshold: u32) {
    let low: Vec<String> = store
        .items()
        .into_iter()
        .filter(|i| i.quantity < threshold)
        .map(|i| i.name.to_uppercase())
        .collect();
    if low.is_empty() {
        println!("nothing below {}", threshold);
    } else {
        println!("below {}: {}", threshold, low.join(", "));
    }
}
