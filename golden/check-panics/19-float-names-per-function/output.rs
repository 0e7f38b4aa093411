// A division is between floats when its function declares the operands as
// floats: each function's own parameters and `let`s, a nested function's
// included in the outer one's, not the other way round.
fn outer(a: u32, b: u32) -> u32 {
    fn inner(x: f64, y: f64) -> f64 {
        x / y
    }
    a / b
}

fn other(x: u32, y: u32) -> u32 {
    x / y
}

fn shadowing(p: f64) -> f64 {
    fn ints(p: u32, q: u32) -> u32 {
        p / q
    }
    let r = 2.5;
    p / r
}

fn lets(n: u32) -> u32 {
    let total = 10.0;
    let count = n as f64;
    let share: f32 = 0.5;
    let _ = total / count;
    let _ = share % count;
    n / 2 + n % n
}
