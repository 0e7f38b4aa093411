//! The `input` kernel module.

struct Input {
    keys: u32,
}

module! {
    type: InputModule,
    name: "input",
    license: "GPL",
}

struct InputModule;

impl kernel::Module for InputModule {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let i = Input { keys: 1 };
        pr_info!("{}\n", i.keys);
        Ok(InputModule)
    }
}
