use std::collections::HashMap;

fn count(xs: &[u8]) -> usize { core::cmp::min(xs.len(), 8) }

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn it_counts() {
        let seen: HashSet<u8> = HashSet::new();
        assert_eq!(count(&[1]), core::cmp::max(1, seen.len()));
        let _t = std::time::Instant::now();
    }
}
