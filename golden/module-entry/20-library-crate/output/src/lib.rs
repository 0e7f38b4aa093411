//! Scores games.
pub fn score(a: u32) -> u32 {
    a * 2
}
