//! Greets the world.

mod greet;

module! {
    type: Hello,
    name: "hello",
    authors: ["Ada Lovelace <ada@example.org>"],
    description: "Greets the world",
    license: "GPL",
}

struct Hello;

impl kernel::Module for Hello {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("Hello, {}!\n", greet::name());
        for i in 1..=3 {
            kernel::pr_cont!("{} ", i);
        }
        Ok(Hello)
    }
}
