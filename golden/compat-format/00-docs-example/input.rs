fn show(name: &str, score: u32) {
    let line = format!("{}: {}", name, score.to_string());
}
