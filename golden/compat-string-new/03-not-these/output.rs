fn others(bytes: Vec<u8>, n: u32, name: &str) -> usize {
    // No fallible form (reported by alloc-calls, K0304): left as it is.
    let s = String::from_utf8(bytes);
    // Not a literal: compat-format's (`to_kstring`).
    let t = n.to_string();
    // `to_owned` on something that is not a literal: not this pass's.
    let u = name.to_owned();
    // A value, not a call.
    let names: Vec<String> = ["a"].iter().map(|s| s.to_string()).collect();
    let _ = (s, t, u, names);
    0
}
