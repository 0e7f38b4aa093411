//! A shop inventory kept in memory: stock movements come in on stdin, one per
//! line (`add NAME QTY PRICE_CENTS`, `sell NAME QTY`, `report`, `low N`).

mod item;
mod report;
mod store;

use std::io::{self, BufRead};

use store::{Store, StoreError};

fn handle(store: &mut Store, line: &str) -> Result<(), StoreError> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    match parts.as_slice() {
        ["add", name, qty, price] => {
            let qty = qty.parse().map_err(|_| StoreError::BadNumber(qty.to_string()))?;
            let price = price.parse().map_err(|_| StoreError::BadNumber(price.to_string()))?;
            store.add(name, qty, price);
        }
        ["sell", name, qty] => {
            let qty = qty.parse().map_err(|_| StoreError::BadNumber(qty.to_string()))?;
            let total = store.sell(name, qty)?;
            println!("sold {} x {} for {}", qty, name, report::money(total));
        }
        ["report"] => report::print_stock(store),
        ["low", n] => {
            let n: u32 = n.parse().map_err(|_| StoreError::BadNumber(n.to_string()))?;
            report::print_low(store, n);
        }
        [] => {}
        _ => return Err(StoreError::BadCommand(line.to_string())),
    }
    Ok(())
}

fn main() {
    let mut store = Store::new();
    for line in io::stdin().lock().lines() {
        let line = line.unwrap();
        if let Err(e) = handle(&mut store, &line) {
            eprintln!("error: {}", e);
            println!("! {}", e);
        }
    }
    println!("revenue: {}", report::money(store.revenue()));
}
