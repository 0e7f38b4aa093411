//! Rolls dice.
mod dice;

fn main() -> Result<(), Error> {
    let d = dice::roll(6)?;
    pr_info!("rolled {}\n", d);
    Ok(())
}
