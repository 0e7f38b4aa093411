//! Rolls dice.
mod dice;

module! {
    type: DiceRoller,
    name: "dice_roller",
    authors: ["Ada <ada@example.org>", "Bob <bob@example.org>"],
    description: "Rolls dice",
    license: "GPL v2",
}

struct DiceRoller;

impl kernel::Module for DiceRoller {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let d = dice::roll(6)?;
        pr_info!("rolled {}\n", d);
        Ok(DiceRoller)
    }
}
