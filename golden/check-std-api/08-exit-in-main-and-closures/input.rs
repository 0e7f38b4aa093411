// `process::exit` directly in the crate root's `main` is module-entry's (it
// becomes a return from `init`, K0506); in a closure or another function it
// is reported here.
use std::env;
use std::process;

fn fail() -> ! {
    process::exit(2)
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let n = args.len();
    let check = |x: usize| {
        if x == 0 {
            process::exit(1);
        }
        x
    };
    if n > 3 {
        process::exit(0);
    }
    check(n);
    fail();
}
