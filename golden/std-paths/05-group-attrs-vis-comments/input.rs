//! Keeps what surrounds a split group.

#[cfg(feature = "std")]
pub(crate) use ::std::{
    // memory helpers
    mem,
    sync::Arc, // shared ownership
    /* the prelude has this one */ vec::Vec,
    collections::BTreeMap,
};

fn f() {}
