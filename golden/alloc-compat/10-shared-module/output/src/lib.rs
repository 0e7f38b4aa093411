//! A module both crates declare: each one compiles it, so each declares the compat module.
mod kport_compat;
pub mod util;
