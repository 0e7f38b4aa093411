use std::io;

fn start_score() -> u64 {
    10
}

fn main() -> io::Result<()> {
    let mut total = 0;
    let mut score = start_score();
    let mut last = String::new();
    let greeting = "hi";
    println!("{greeting}");
    for line in io::stdin().lines().map_while(Result::ok) {
        if line.is_empty() {
            return Ok(());
        }
        total += 1;
        score += line.len() as u64;
        last = line.clone();
        println!("{total}: {last} ({score:>4})");
    }
    println!("{} lines, last {last}", total);
    Ok(())
}
