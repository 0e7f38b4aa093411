use std::io::{self, BufRead};

fn cleanup() -> io::Result<()> {
    Ok(())
}

fn main() -> io::Result<()> {
    for line in io::stdin().lock().lines() {
        let line = line?;
        if line == "end" {
            return cleanup();
        }
        if line == "bad" {
            return Err(io::Error::other("bad line"));
        }
        println!("{}", line);
    }
    Ok(())
}
