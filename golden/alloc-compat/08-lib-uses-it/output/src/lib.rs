//! Statistics over a sample: only the library collects.
mod kport_compat;
pub mod stats;
