//! Rust 2024 `unsafe extern` blocks are newer than tree-sitter-rust 0.24: this file
//! needs changes kport cannot make completely, so it is refused, with no module!.

unsafe extern "C" {
    pub safe fn abs(x: i32) -> i32;
}

fn main() {
    println!("{}", abs(-3));
}
