use std::fmt;
use std::mem;

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

mod inner {
    #[derive(Debug)]
    pub struct Oops;
}

fn size() -> usize {
    mem::size_of::<ParseError>()
}
