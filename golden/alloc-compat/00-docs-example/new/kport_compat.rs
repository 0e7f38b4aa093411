// SPDX-License-Identifier: GPL-2.0

//! Compatibility helpers added by kport.
//!
//! The kernel's vector has no `FromIterator` (so no `collect`) and no `Clone`:
//! every allocation must be able to fail. These extension traits give ported code
//! the fallible equivalents; each returns `Err(ENOMEM)` when an allocation fails.

use kernel::alloc::Flags;
use kernel::prelude::*;

/// `iter.try_collect(GFP_KERNEL)?` instead of `iter.collect::<Vec<_>>()`.
pub(crate) trait TryCollect: Iterator + Sized {
    /// Collects the items into a new vector, allocating with `flags`.
    fn try_collect(self, flags: Flags) -> Result<KVec<Self::Item>> {
        let (lower, _) = self.size_hint();
        let mut v = KVec::with_capacity(lower, flags)?;
        for item in self {
            v.push(item, flags)?;
        }
        Ok(v)
    }
}

impl<I: Iterator> TryCollect for I {}
