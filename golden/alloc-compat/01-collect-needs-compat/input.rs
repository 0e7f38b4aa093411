//! A tiny program.

fn main() {
    let v: Vec<u32> = (0..4).collect();
}
