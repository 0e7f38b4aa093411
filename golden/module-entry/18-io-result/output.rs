//! The `input` kernel module.

use std::io;

module! {
    type: Input,
    name: "input",
    license: "GPL",
}

struct Input;

impl kernel::Module for Input {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        run()?;
        Ok(Input)
    }
}
