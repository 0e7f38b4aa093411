use std::collections::HashMap;

fn count(text: &str) -> usize {
    let mut map = HashMap::new();
    for word in text.split_whitespace() {
        let count = map.entry(word).or_insert(0);
        *count += 1;
    }
    map.insert("total", 0);
    map.len()
}
