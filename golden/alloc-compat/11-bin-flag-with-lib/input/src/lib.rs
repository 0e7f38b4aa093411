//! Statistics over a sample: the library and the chosen binary collect.
pub mod stats;
