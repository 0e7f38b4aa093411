use crate::model::Shelf;

pub fn restock(shelf: &mut Shelf, n: u32) {
    for i in 0..n {
        shelf.items.push(i);
    }
    shelf.label.push('+');
}

impl Shelf {
    pub fn add(&mut self, x: u32) {
        self.items.push(x);
    }
}
