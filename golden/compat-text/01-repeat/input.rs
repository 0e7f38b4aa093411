use std::fmt;

trait OutlinePrint: fmt::Display {
    fn outline_print(&self) {
        let output = self.to_string();
        let len = output.len();
        println!("{}", "*".repeat(len + 4));
        let pad: &str = " ";
        let line = pad.repeat(len + 2);
        println!("*{line}*");
    }
}

fn rule(name: &String, n: usize) -> String {
    name.repeat(n)
}

fn main() {}
