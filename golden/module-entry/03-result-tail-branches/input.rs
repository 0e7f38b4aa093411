fn check(n: u32) -> Result {
    if n > 3 { Err(EINVAL) } else { Ok(()) }
}

fn main() -> Result {
    let n = 2;
    if n == 0 {
        return Ok(());
    }
    match n {
        1 => Ok(()),
        2 => check(n),
        _ => Err(EINVAL),
    }
}
