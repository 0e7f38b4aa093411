//! The `game` kernel module.

module! {
    type: Game,
    name: "game",
    license: "GPL",
}

struct Game;

impl kernel::Module for Game {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let _miscdev = miscdev::register(Session {})?;
        Ok(Game)
    }
}
