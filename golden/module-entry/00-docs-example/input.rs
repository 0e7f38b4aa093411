//! Greets the world.
fn main() {
    pr_info!("hi\n");
}
