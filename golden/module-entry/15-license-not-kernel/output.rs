//! The `mit_tool` kernel module.

module! {
    type: MitTool,
    name: "mit_tool",
    license: "GPL",
}

struct MitTool;

impl kernel::Module for MitTool {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(MitTool)
    }
}
