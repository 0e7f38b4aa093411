use kernel::fmt;

fn total(v: &mut KVec<u32>) -> Result<u32> {
    v.push(0, GFP_KERNEL)?;
    Ok(v.iter().sum())
}

fn closures(v: &mut KVec<u32>, rows: &mut [KVec<u32>]) -> Result {
    pr_info!("{}\n", rows.iter_mut().map(|r| total(r)?).count());
    pr_info!("{}\n", rows.iter_mut().map(|r| KBox::new(r.len(), GFP_KERNEL)?).count());
    pr_info!("{:?}\n", rows.iter_mut().map(|r| -> Result<u32> { Ok(total(r)?) }).count());
    pr_info!("{}\n", total(v)? | 1);
    Ok(())
}

struct Sum(KVec<u32>);

impl fmt::Display for Sum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut v = KVec::new();
        write!(f, "{}", total(&mut v)?)
    }
}
