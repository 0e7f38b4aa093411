#[macro_use]
extern crate log;

fn main() {
    pr_info!("via macro_use\n");
}
