struct Counter {
    seen: KVec<u32>,
}

impl Counter {
    fn bump(&mut self, x: u32) -> usize {
        self.seen.push(x, GFP_KERNEL)?;
        self.seen.len()
    }

    fn report(&mut self) {
        pr_info!("{} {}\n", self.bump(1), crate::total(&mut self.seen));
    }
}

fn total(v: &mut KVec<u32>) -> u32 {
    v.push(0, GFP_KERNEL)?;
    v.iter().sum()
}

fn show(v: &mut KVec<u32>) {
    pr_info!("total {}\n", total(v));
    pr_info!("nested {:?}\n", Some(total(v)));
    pr_info!("handled {:?}\n", total(v).ok());
    pr_info!("already {}\n", total(v)?);
    pr_info!("not a call {}\n", v.len());
}

fn boxed(x: u32) {
    pr_info!("{}\n", KBox::new(x, GFP_KERNEL)?);
}

fn maybe(x: u32) -> Option<u32> {
    pr_info!("{}\n", KBox::new(x, GFP_KERNEL)?);
    Some(x)
}
