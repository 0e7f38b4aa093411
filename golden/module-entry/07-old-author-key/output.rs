//! The `old_style` kernel module.

module! {
    type: OldStyle,
    name: "old_style",
    author: "Ada, Bob \"the builder\"",
    license: "GPL",
}

struct OldStyle;

impl kernel::Module for OldStyle {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("old kernel\n");
        Ok(OldStyle)
    }
}
