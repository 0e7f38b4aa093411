//! Statistics over a sample: the library and the chosen binary collect.
mod kport_compat;
pub mod stats;
