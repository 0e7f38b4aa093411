//! The `dice` kernel module.

module! {
    type: Dice,
    name: "dice",
    license: "GPL",
}

struct Dice;

impl kernel::Module for Dice {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("{}\n", dice::roll());
        Ok(Dice)
    }
}
