fn twice(x: u32) -> u32 {
    std::dbg!(x * 2)
}
