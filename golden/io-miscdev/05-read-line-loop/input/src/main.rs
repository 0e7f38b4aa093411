use std::io::{self, Write};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut sum: i64 = 0;
    loop {
        let mut buf = String::new();
        if stdin.read_line(&mut buf)? == 0 {
            break;
        }
        match buf.trim().parse::<i64>() {
            Ok(n) => sum += n,
            Err(_) => {
                println!("not a number: {:?}", buf);
                continue;
            }
        }
        print!("sum = {}\n", sum);
        io::stdout().flush()?;
    }
    println!("total {}", sum);
    Ok(())
}
