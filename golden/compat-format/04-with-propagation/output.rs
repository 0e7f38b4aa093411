// With the other passes: each `?` is a fallible site the propagation pass
// carries to the callers; `Option` functions become `Result<Option<_>>`.
struct Score {
    name: KString,
    points: u32,
}

fn describe(s: &Score) -> Result<KString> {
    Ok(kformat!("{} has {} points", s.name, s.points)?)
}

fn best(scores: &[Score]) -> Result<Option<KString>> {
    let Some(top) = scores.iter().max_by_key(|s| s.points) else { return Ok(None) };
    Ok(Some(top.name.to_kstring()?))
}

fn report(scores: &[Score]) -> Result<usize> {
    let mut total = 0;
    for s in scores {
        total += describe(s)?.len();
    }
    if let Some(name) = best(scores)? {
        total += name.len();
    }
    Ok(total)
}
