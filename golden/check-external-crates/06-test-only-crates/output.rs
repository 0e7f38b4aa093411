fn add(a: u32, b: u32) -> u32 {
    a + b
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn adds() {
        assert_eq!(super::add(1, 2), 3);
    }
}
