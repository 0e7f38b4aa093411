fn greet(name: &str) -> usize {
    let mut s: String = name.to_string();
    s.push('!');
    s.push_str(" hi");
    s.len()
}
