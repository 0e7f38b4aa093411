fn label(id: u32, name: &str) -> String {
    let n = id.to_kstring()?;
    let line = kformat!("{}: {} ({})", id, name, n)?;
    println!("{}", kformat!("<{}>", line)?);
    kformat!("{}!", line)?
}

fn show<T: kernel::fmt::Display>(x: T, y: &impl kernel::fmt::Display) -> usize
where
    T: kernel::fmt::Display + Copy,
{
    x.to_kstring()?.len() + y.to_kstring()?.len()
}
