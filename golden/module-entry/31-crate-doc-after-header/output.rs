// SPDX-License-Identifier: GPL-2.0
// Copyright (C) 2026 Ada

//! Says hi to the kernel log.

use kernel::prelude::*;

module! {
    type: Greeter,
    name: "greeter",
    description: "Says hi to the kernel log.",
    license: "GPL",
}

struct Greeter;

impl kernel::Module for Greeter {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("hi\n");
        Ok(Greeter)
    }
}
