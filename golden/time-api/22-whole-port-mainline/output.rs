//! The `input` kernel module.

use kernel::prelude::*;
use kernel::time::{delay::fsleep, Delta, Instant, Monotonic};
use core::time::Duration;

const TICK: Duration = Duration::from_millis(250);

module! {
    type: Input,
    name: "input",
    license: "GPL",
}

struct Input;

impl kernel::Module for Input {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let start = Instant::<Monotonic>::now();
        for round in 0..3 {
            fsleep(Delta::from_millis(100));
            pr_info!("round {} after {} ms\n", round, start.elapsed().as_millis());
        }
        pr_info!("tick is {} ms\n", TICK.as_millis());
        Ok(Input)
    }
}
