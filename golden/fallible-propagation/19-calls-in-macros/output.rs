struct Counter {
    seen: KVec<u32>,
}

impl Counter {
    fn bump(&mut self, x: u32) -> Result<usize> {
        self.seen.push(x, GFP_KERNEL)?;
        Ok(self.seen.len())
    }

    fn report(&mut self) -> Result {
        pr_info!("{} {}\n", self.bump(1)?, crate::total(&mut self.seen)?);
        Ok(())
    }
}

fn total(v: &mut KVec<u32>) -> Result<u32> {
    v.push(0, GFP_KERNEL)?;
    Ok(v.iter().sum())
}

fn show(v: &mut KVec<u32>) -> Result {
    pr_info!("total {}\n", total(v)?);
    pr_info!("nested {:?}\n", Some(total(v)?));
    pr_info!("handled {:?}\n", total(v).ok());
    pr_info!("already {}\n", total(v)?);
    pr_info!("not a call {}\n", v.len());
    Ok(())
}

fn boxed(x: u32) -> Result {
    pr_info!("{}\n", KBox::new(x, GFP_KERNEL)?);
    Ok(())
}

fn maybe(x: u32) -> Result<Option<u32>> {
    pr_info!("{}\n", KBox::new(x, GFP_KERNEL)?);
    Ok(Some(x))
}
