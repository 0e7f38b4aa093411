mod store;
mod shapes;

use store::record;

fn main() {
    let mut log = KVec::new();
    record(&mut log, 1)?;
    shapes::draw(&mut log)?;
    crate::shapes::circle::ring(&mut log)?;
}
