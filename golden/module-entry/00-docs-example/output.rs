//! Greets the world.
module! {
    type: Hello,
    name: "hello",
    authors: ["Ada"],
    description: "Greets the world",
    license: "GPL",
}

struct Hello;

impl kernel::Module for Hello {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("hi\n");
        Ok(Hello)
    }
}
