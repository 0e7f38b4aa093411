fn greet() -> usize {
    let a = "hello".to_string();
    let b = "world".to_owned();
    let c = r"raw\n".to_string();
    println!("{} {}", "inline".to_string(), a);
    a.len() + b.len() + c.len()
}
