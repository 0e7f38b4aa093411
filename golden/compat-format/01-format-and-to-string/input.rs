fn label(id: u32, name: &str) -> String {
    let n = id.to_string();
    let line = format!("{}: {} ({})", id, name, n);
    println!("{}", format!("<{}>", line));
    std::format!("{}!", line)
}

fn show<T: ToString>(x: T, y: &impl ToString) -> usize
where
    T: ToString + Copy,
{
    x.to_string().len() + y.to_string().len()
}
