//! The `game` kernel module.

module! {
    type: Game,
    name: "game",
    license: "GPL",
}

struct Game {
    _miscdev: miscdev::Registration,
}

impl kernel::Module for Game {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        if quiet() {
            return Ok(Game { _miscdev });
        }
        let _miscdev: miscdev::Registration = miscdev::register(Session {})?;
        Ok(Game { _miscdev })
    }
}
