// With the other passes: each `?` is a fallible site the propagation pass
// carries to the callers; `Option` functions become `Result<Option<_>>`.
struct Score {
    name: String,
    points: u32,
}

fn describe(s: &Score) -> String {
    format!("{} has {} points", s.name, s.points)
}

fn best(scores: &[Score]) -> Option<String> {
    let top = scores.iter().max_by_key(|s| s.points)?;
    Some(top.name.to_string())
}

fn report(scores: &[Score]) -> usize {
    let mut total = 0;
    for s in scores {
        total += describe(s).len();
    }
    if let Some(name) = best(scores) {
        total += name.len();
    }
    total
}
