//! A module that kport has nothing to change in does not parse: it keeps its
//! syntax with a warning, and the rest is ported as usual.

mod ffi;

fn main() {
    println!("{}", ffi::magnitude(-3));
}
