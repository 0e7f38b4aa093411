//! The `tool` kernel module.

module! {
    type: Tool,
    name: "tool",
    license: "MIT",
}

struct Tool;

impl kernel::Module for Tool {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(Tool)
    }
}
