fn show(name: &str, score: u32) {
    let line = kformat!("{}: {}", name, score.to_kstring()?)?;
}
