// Test-only code never reaches the kernel build: not reported.
pub fn add(a: u32, b: u32) -> u32 {
    a + b
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    #[test]
    fn counts() {
        let mut m = HashMap::new();
        *m.entry("a".to_lowercase()).or_insert(0) += 1;
        let mut s = String::new();
        s.push_str("x");
        assert_eq!(m.len(), 1);
    }
}

#[test]
fn alone() {
    let v = "a".repeat(2).to_uppercase();
    assert_eq!(v, "AA");
}
