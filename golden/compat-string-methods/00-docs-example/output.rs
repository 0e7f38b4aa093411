fn shout(word: &str) -> KString {
    let mut out = KString::new();
    out.push_str(word, GFP_KERNEL)?;
    out.push_str("!", GFP_KERNEL)?;
    out
}
