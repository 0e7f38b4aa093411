fn setup() -> Result {
    Ok(())
}

fn main() -> Result<(), Error> {
    setup()?;
    pr_info!("ready\n");
    Ok(())
}
