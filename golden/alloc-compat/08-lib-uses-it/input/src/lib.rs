//! Statistics over a sample: only the library collects.
pub mod stats;
