//! Statistics.

mod kport_compat;
mod calc;

fn main() {
    let xs = calc::evens(10);
}
