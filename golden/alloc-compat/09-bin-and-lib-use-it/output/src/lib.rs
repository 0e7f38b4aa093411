//! Statistics over a sample: the library and the program collect.
mod kport_compat;
pub mod stats;
