use std::io::{self, Write};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut count: u32 = 0;
    loop {
        print!("> ");
        io::stdout().flush()?;
        let mut buf = String::new();
        if stdin.read_line(&mut buf)? == 0 {
            break;
        }
        count += 1;
        println!("{}: {}", count, buf.trim());
    }
    Ok(())
}
