// SPDX-License-Identifier: GPL-2.0

//! Compatibility helpers added by kport.
//!
//! The kernel's vector has no `FromIterator` (so no `collect`) and no `Clone`:
//! every allocation must be able to fail. These extension traits give ported code
//! the fallible equivalents; each returns `Err(ENOMEM)` when an allocation fails.

use kernel::alloc::Flags;
use kernel::prelude::*;

/// `s.try_to_vec(GFP_KERNEL)?` instead of `s.to_vec()` or `v.clone()`.
pub(crate) trait TryToVec<T: Clone> {
    /// Copies the elements into a new vector, allocating with `flags`.
    fn try_to_vec(&self, flags: Flags) -> Result<KVec<T>>;
}

impl<T: Clone> TryToVec<T> for [T] {
    fn try_to_vec(&self, flags: Flags) -> Result<KVec<T>> {
        let mut v = KVec::with_capacity(self.len(), flags)?;
        v.extend_from_slice(self, flags)?;
        Ok(v)
    }
}
