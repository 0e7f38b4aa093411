// Must not change: values with the kernel's Display (integers, bool, char, str,
// the crate's own impls), what a box holds (`*b`), `{:?}` (fmt! forwards
// Debug), values whose type kport cannot see, and test code.
use std::fmt;

struct Level(u8);

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "L{}", self.0)
    }
}

fn main() {
    let b = Box::new(5);
    let level = Level(2);
    let name = "disk";
    let v = vec![1, 2];
    println!("{} {} {level} {name} {} {}", *b, 'c', true, 42u64);
    println!("{b:?} {:?} {:#?}", b, v);
    let unknown = compute();
    println!("{unknown}");
    pr_info!("{}\n", *b);
}

fn compute() -> u32 {
    7
}

#[cfg(test)]
mod tests {
    #[test]
    fn prints() {
        let b = Box::new(1);
        println!("{b}");
    }
}
