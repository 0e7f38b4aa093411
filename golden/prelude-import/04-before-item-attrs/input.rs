// SPDX-License-Identifier: GPL-2.0

/// Holds numbers.
#[derive(Debug)]
struct Bag {
    items: KVec<u32>,
}
