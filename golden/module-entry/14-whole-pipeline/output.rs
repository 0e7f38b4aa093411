//! Counts to three.

use kernel::prelude::*;

module! {
    type: Counter,
    name: "counter",
    authors: ["Ada"],
    description: "Counts to three",
    license: "GPL",
}

struct Counter;

impl kernel::Module for Counter {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        for i in 1..=3 {
            pr_info!("{}\n", i);
        }
        pr_err!("done\n");
        Ok(Counter)
    }
}
