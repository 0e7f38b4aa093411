fn words(v: &KVec<KString>, first: &KString) -> usize {
    let copy = first.try_clone()?;
    let joined = v.try_join(" ", GFP_KERNEL)?;
    let dashed = ["a", "b"].try_join("-", GFP_KERNEL)?;
    let rev: KString = KString::try_from_iter(copy.chars().rev(), GFP_KERNEL)?;
    let up = KString::try_from_iter(joined.chars().map(|c| c.to_ascii_uppercase()), GFP_KERNEL)?;
    copy.len() + joined.len() + dashed.len() + rev.len() + up.len()
}
