pub fn roll() -> u32 {
    4
}
