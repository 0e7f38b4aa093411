fn greet() -> usize {
    let a = KString::try_from("hello")?;
    let b = KString::try_from("world")?;
    let c = KString::try_from(r"raw\n")?;
    println!("{} {}", KString::try_from("inline")?, a);
    a.len() + b.len() + c.len()
}

fn shout() -> usize {
    let a = KString::try_from("HELLO")?;
    let b = KString::try_from("mixed 42")?;
    let c = "Grüße".to_uppercase();
    let d = "tab\there".to_uppercase();
    a.len() + b.len() + c.len() + d.len()
}
