use std::fmt;

struct Wrapper(Vec<String>);

impl fmt::Display for Wrapper {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "[{}]", self.0.join(", "))
    }
}

fn main() {
    let words = vec!["a", "b"];
    println!("{} and {name}", words.join("-"), name = "x");
    let w = Wrapper(vec![String::from("hello")]);
    println!("w = {w}");
}
