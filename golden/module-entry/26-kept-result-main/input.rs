fn main() -> Result {
    let _miscdev: miscdev::Registration = miscdev::register(Session {})?;
    Ok(())
}
