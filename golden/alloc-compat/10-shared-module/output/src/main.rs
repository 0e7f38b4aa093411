mod kport_compat;
mod util;

fn main() {
    println!("{:?}", util::evens(6));
}
