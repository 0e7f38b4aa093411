// SPDX-License-Identifier: GPL-2.0
// Copyright (C) 2026 Ada

use kernel::prelude::*;

fn main() {
    pr_info!("hi\n");
}
