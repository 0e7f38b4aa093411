fn greet() -> usize {
    let a = KString::try_from("hello")?;
    let b = KString::try_from("world")?;
    let c = KString::try_from(r"raw\n")?;
    println!("{} {}", KString::try_from("inline")?, a);
    a.len() + b.len() + c.len()
}
