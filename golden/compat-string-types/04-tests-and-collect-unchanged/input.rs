fn letters(s: &str) -> usize {
    // The turbofish of `collect::<String>()` is compat-string-methods' (the whole call).
    s.chars().rev().collect::<String>().len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let s: String = String::from("x");
        assert_eq!(s.len(), 1);
    }
}
