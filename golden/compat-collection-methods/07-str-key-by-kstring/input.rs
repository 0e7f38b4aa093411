// A map keyed by `&str`, looked up by a `String`'s `as_str()`: once the `String` is a
// `KString` (an earlier pass), `as_str()` is still a `&str`, so the lookup gets its `&`
// on the first run, as on a second run where the compat module is there to say so.
use std::collections::HashMap;

fn decode(encoded: &str, reverse: &HashMap<&str, char>) -> usize {
    let mut found = 0;
    let mut current = String::new();
    for bit in encoded.chars() {
        current.push(bit);
        if let Some(&_c) = reverse.get(current.as_str()) {
            found += 1;
            current.clear();
        }
    }
    found
}
