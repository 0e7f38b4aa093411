fn search<'a>(query: &str, contents: &'a str) -> usize {
    let query = query.to_lowercase();
    let mut n = 0;
    for line in contents.lines() {
        if line.to_lowercase().contains(&query) {
            n += 1;
        }
    }
    n
}

fn shout(s: &str) -> String {
    let mut out = s.to_uppercase();
    out.push_str("!");
    let copy = out.clone();
    copy + "?"
}
