//! The `input` kernel module.

fn setup() -> Result {
    Ok(())
}

module! {
    type: Input,
    name: "input",
    license: "GPL",
}

struct Input;

impl kernel::Module for Input {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        setup()?;
        pr_info!("ready\n");
        Ok(Input)
    }
}
