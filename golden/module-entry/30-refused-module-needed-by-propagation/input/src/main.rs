//! Shapes, drawn into a log.
//!
//! shapes/mod.rs has a syntax error and needs a change only because `record`
//! becomes fallible: it is refused (K0004), and the module scaffolding is kept,
//! since a run on the output would not refuse it (the port is a fixpoint).

mod store;
mod shapes;

use store::record;

fn main() {
    let mut log = KVec::new();
    record(&mut log, 1);
    shapes::draw(&mut log);
}
