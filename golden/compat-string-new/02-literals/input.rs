fn greet() -> usize {
    let a = "hello".to_string();
    let b = "world".to_owned();
    let c = r"raw\n".to_string();
    println!("{} {}", "inline".to_string(), a);
    a.len() + b.len() + c.len()
}

fn shout() -> usize {
    let a = "Hello".to_uppercase();
    let b = "MiXeD 42".to_ascii_lowercase();
    let c = "Grüße".to_uppercase();
    let d = "tab\there".to_uppercase();
    a.len() + b.len() + c.len() + d.len()
}
