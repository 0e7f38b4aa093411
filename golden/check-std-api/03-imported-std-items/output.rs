use std::collections::BTreeMap;
use std::process;
use std::rc::Rc;

struct Config {
    limits: BTreeMap<u32, u32>,
}

fn build(args: &[u32]) -> Config {
    let mut limits = BTreeMap::new();
    for (i, a) in args.iter().enumerate() {
        limits.insert(i as u32, *a);
    }
    let shared = Rc::new(limits.len());
    let check = |n: usize| {
        if n == 0 {
            process::exit(1);
        }
    };
    check(*shared);
    Config { limits }
}
