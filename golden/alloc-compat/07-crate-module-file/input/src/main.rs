//! Statistics.

mod calc;

fn main() {
    let xs = calc::evens(10);
}
