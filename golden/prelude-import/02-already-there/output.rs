use kernel::prelude::*;

fn main() {
    pr_info!("hi\n");
}
