//! The `input` kernel module.

module! {
    type: Input,
    name: "input",
    license: "GPL",
}

struct Input;

impl kernel::Module for Input {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let v = [1, 2, 3];
        let first = v.iter().find(|x| {
            if **x > 1 {
                return true;
            }
            false
        });
        if first.is_none() {
            return Ok(Input);
        }
        pr_info!("found\n");
        Ok(Input)
    }
}
