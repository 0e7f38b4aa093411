fn sum(block: [u32; 1024]) -> u32 {
    block.iter().sum()
}
