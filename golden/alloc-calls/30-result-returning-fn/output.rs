fn tokenize(line: &str) -> Result<Vec<u8>, ()> {
    Ok(Vec::new())
}
fn run(line: &str) -> Result<(), ()> {
    let mut tokens = tokenize(line)?;
    tokens.drain(..3);
    tokens.push(1, GFP_KERNEL)?;
    Ok(())
}
