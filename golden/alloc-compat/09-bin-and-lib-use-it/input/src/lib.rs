//! Statistics over a sample: the library and the program collect.
pub mod stats;
