mod model;
mod ops;

fn main() {
    let mut s = model::Shelf::new();
    ops::restock(&mut s, 3);
}
