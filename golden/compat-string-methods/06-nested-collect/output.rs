// A `collect::<String>()` in the receiver of another: each becomes its own
// `KString::try_from_iter(.., GFP_KERNEL)?`, the inner one inside the outer
// (both used to rewrite the inner call's text: overlapping edits, K0001).
pub fn squeeze(s: &str) -> String {
    KString::try_from_iter(KString::try_from_iter(s.chars()
        .filter(|c| !c.is_whitespace()), GFP_KERNEL)?
        .chars()
        .rev(), GFP_KERNEL)?
}
