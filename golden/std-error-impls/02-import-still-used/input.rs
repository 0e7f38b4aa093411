use std::error::Error;

#[derive(Debug)]
pub struct ParseError;

impl Error for ParseError {}

// `Error` is still used here: the import stays (std-paths and check-dyn-error report it).
fn parse(s: &str) -> Result<u32, Box<dyn Error>> {
    Ok(s.len() as u32)
}
