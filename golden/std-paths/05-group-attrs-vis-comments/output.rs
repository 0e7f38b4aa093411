//! Keeps what surrounds a split group.

#[cfg(feature = "std")]
pub(crate) use core::{
    // memory helpers
    mem,
};
#[cfg(feature = "std")]
pub(crate) use kernel::{
    sync::Arc, // shared ownership
};
#[cfg(feature = "std")]
pub(crate) use ::std::collections::BTreeMap;

fn f() {}
