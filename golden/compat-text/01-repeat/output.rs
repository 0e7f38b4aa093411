use std::fmt;

trait OutlinePrint: fmt::Display {
    fn outline_print(&self) {
        let output = self.to_string();
        let len = output.len();
        println!("{}", "*".try_repeat(len + 4, GFP_KERNEL)?);
        let pad: &str = " ";
        let line = pad.try_repeat(len + 2, GFP_KERNEL)?;
        println!("*{line}*");
    }
}

fn rule(name: &String, n: usize) -> String {
    name.try_repeat(n, GFP_KERNEL)?
}

fn main() {}
