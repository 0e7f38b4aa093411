fn names(xs: &[(u32, u8)]) -> Vec<u8> {
    xs.iter()
        // keep the small ones
        .filter(|(n, _)| *n < 10)
        .map(|(_, c)| *c)
        .try_collect(GFP_KERNEL)?
}
