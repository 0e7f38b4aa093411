fn encrypt(text: &str, key: usize) {
    let mut rails = vec![Vec::new(); key];
    for (i, c) in text.chars().enumerate() {
        rails[i % key].push(c);
    }
}
