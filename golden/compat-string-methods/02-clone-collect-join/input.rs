fn words(v: &KVec<KString>, first: &KString) -> usize {
    let copy = first.clone();
    let joined = v.join(" ");
    let dashed = ["a", "b"].join("-");
    let rev: KString = copy.chars().rev().collect();
    let up = joined.chars().map(|c| c.to_ascii_uppercase()).collect::<String>();
    copy.len() + joined.len() + dashed.len() + rev.len() + up.len()
}
