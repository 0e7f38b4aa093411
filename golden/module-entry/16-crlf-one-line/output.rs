//! The `input` kernel module.

module! {
    type: Input,
    name: "input",
    license: "GPL",
}

struct Input;

impl kernel::Module for Input {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("hi\n");
        Ok(Input)
    }
}
