//! Greets the world.

mod greet;

fn main() {
    pr_info!("Hello, {}!\n", greet::name());
    for i in 1..=3 {
        kernel::pr_cont!("{} ", i);
    }
}
