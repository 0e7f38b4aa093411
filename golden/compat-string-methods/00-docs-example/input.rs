fn shout(word: &str) -> KString {
    let mut out = KString::new();
    out.push_str(word);
    out += "!";
    out
}
