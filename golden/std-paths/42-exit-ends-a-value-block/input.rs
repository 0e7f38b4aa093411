// A block that ends in `std::process::exit(..);` takes any type, because exit never
// returns. Once exit is gone, rustc rejects that block where it starts (a
// closure's or arm's `{`, a function's return type), so the report starts
// there. Where the value is not used, or in an if/else branch, it stays at the call.

fn parse(s: &str) -> Result<u32, &'static str> {
    if s.is_empty() { Err("empty") } else { Ok(s.len() as u32) }
}

fn must(s: &str) -> u32 {
    eprintln!("bad: {s}");
    std::process::exit(3);
}

fn pick(s: &str) -> u32 {
    match parse(s) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}

fn level(s: &str) -> u32 {
    let n = if s.len() > 3 {
        s.len() as u32
    } else if s.is_empty() {
        0
    } else {
        std::process::exit(4);
    };
    n
}

fn stop(code: i32) {
    eprintln!("stopping");
    std::process::exit(code);
}

fn check(s: &str) {
    match parse(s) {
        Ok(_) => {}
        Err(_) => {
            std::process::exit(5);
        }
    }
    if s.len() > 9 {
        std::process::exit(6);
    }
}

fn main() {
    let n = parse("x").unwrap_or_else(|err| {
        eprintln!("problem: {err}");
        std::process::exit(1);
    });
    let m = parse("y").unwrap_or_else(|_| std::process::exit(7));
    println!("{} {} {} {} {}", n, m, must("a"), pick("b"), level("c"));
    check("d");
    stop(0);
}
