use std::error::Error;

fn parse(s: &str) -> Result<u32, Box<dyn Error>> { Ok(s.parse()?) }
