fn label(id: u32, name: &str) -> String {
    let n = id.to_kstring()?;
    let line = kformat!("{}: {} ({})", id, name, n)?;
    println!("{}", kformat!("<{}>", line)?);
    kformat!("{}!", line)?
}
