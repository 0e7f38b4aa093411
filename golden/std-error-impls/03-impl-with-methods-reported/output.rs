use std::error::Error;

#[derive(Debug)]
pub struct LoadError {
    inner: ParseError,
}

#[derive(Debug)]
pub struct ParseError;

impl Error for LoadError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        None
    }
}

impl std::error::Error for ParseError {
    fn description(&self) -> &str {
        "parse"
    }
}
