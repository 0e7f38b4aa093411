// SPDX-License-Identifier: GPL-2.0

use kernel::prelude::*;

/// Holds numbers.
#[derive(Debug)]
struct Bag {
    items: KVec<u32>,
}
