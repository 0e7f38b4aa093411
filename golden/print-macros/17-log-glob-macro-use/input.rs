#[macro_use]
extern crate log;

fn main() {
    info!("via macro_use");
}
