//! The `input` kernel module.

use std::process;

module! {
    type: Input,
    name: "input",
    license: "GPL",
}

struct Input;

impl kernel::Module for Input {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let args = 0;
        if args == 0 {
            return Ok(Input);
        }
        if args > 9 {
            return Err(EINVAL);
        }
        let code = match args {
            1 => 1,
            _ => return Err(EINVAL),
        };
        pr_info!("{}\n", code);
        Ok(Input)
    }
}
