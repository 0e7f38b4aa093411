use std::collections::HashMap;
fn count(words: &[&str]) -> usize {
    let mut m = HashMap::new();
    for w in words { *m.entry(w.to_lowercase()).or_insert(0) += 1; }
    m.len()
}
