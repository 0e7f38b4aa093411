use std::error::Error;

fn parse(s: &str) -> Result<u32, Box<dyn Error>> {
    Ok(s.parse()?)
}

fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    Ok(())
}

fn cause(e: &dyn Error) -> bool {
    e.source().is_none()
}
