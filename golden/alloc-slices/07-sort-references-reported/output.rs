// Equal references can still be told apart by address: these stay reported.
fn f(words: &mut Vec<&str>, refs: &mut Vec<&u32>) {
    words.sort();
    refs.sort();
    let mut names = vec!["b", "a"];
    names.sort();
    // Values: equal elements are indistinguishable, so the unstable sort is the same.
    let mut flags: Vec<bool> = vec![true, false];
    flags.sort_unstable();
    let mut small: Vec<u8> = Vec::new();
    small.sort_unstable_by(|a, b| b.cmp(a));
}
