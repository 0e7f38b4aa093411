//! The `input` kernel module.

fn check(n: u32) -> Result {
    if n > 3 { Err(EINVAL) } else { Ok(()) }
}

module! {
    type: Input,
    name: "input",
    license: "GPL",
}

struct Input;

impl kernel::Module for Input {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let n = 2;
        if n == 0 {
            return Ok(Input);
        }
        match n {
            1 => Ok(Input),
            2 => check(n).map(|()| Input),
            _ => Err(EINVAL),
        }
    }
}
