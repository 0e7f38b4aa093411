//! The `game` kernel module.

module! {
    type: Game,
    name: "game",
    license: "GPL",
}

struct Game {
    _miscdev: miscdev::Registration,
    _guard: Guard,
}

impl kernel::Module for Game {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let moves: u32 = 0;
        pr_info!("ready\n");
        let _miscdev: miscdev::Registration = miscdev::register(Session { moves })?;
        let _guard: Guard = Guard::new();
        let _ = drop_now();
        Ok(Game { _miscdev, _guard })
    }
}
