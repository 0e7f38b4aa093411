//! src/main.rs starts with a syntax error (found by the fuzz, seed 20261128):
//! kport cannot add `mod kport_compat;` above it, so model.rs gets no
//! `use crate::kport_compat::KString;` and no compat module is added (K0318).
//! The root is refused (K0004): the edit kport wanted there touched the error.
fn fill(v: &mut KVec<u8>) {mod model;

fn main() {
    let s = model::Shelf::new();
}
