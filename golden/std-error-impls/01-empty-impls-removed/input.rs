use std::error::Error;
use std::fmt;
use std::{error, mem};

#[derive(Debug)]
pub struct ParseError;

#[derive(Debug)]
pub struct LoadError;

#[derive(Debug)]
pub struct Wrapped<T>(T);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("parse error")
    }
}

impl Error for ParseError {}

/// Marks LoadError as an error.
#[allow(dead_code)]
impl std::error::Error for LoadError {}

impl<T: fmt::Debug> error::Error for Wrapped<T> {
    // Nothing to add.
}

mod inner {
    use std::error::Error as StdError;

    #[derive(Debug)]
    pub struct Oops;

    impl StdError for Oops {}
}

fn size() -> usize {
    mem::size_of::<ParseError>()
}
