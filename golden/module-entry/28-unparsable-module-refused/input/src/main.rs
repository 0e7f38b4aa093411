//! A module kport needs to change does not parse: it is refused, the rest is
//! ported, and main gets no module! (the module would include it unported).

mod ffi;

fn main() {
    println!("{}", ffi::magnitude(-3));
}
