fn label(id: u32, name: &str) -> String {
    let n = id.to_string();
    let line = format!("{}: {} ({})", id, name, n);
    println!("{}", format!("<{}>", line));
    std::format!("{}!", line)
}
