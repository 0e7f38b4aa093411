//! A module both crates declare: each one compiles it, so each declares the compat module.
pub mod util;
