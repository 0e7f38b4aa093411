struct Demo {
    v: KVec<u8>,
}

fn setup(v: &mut KVec<u8>) -> Result {
    v.push(1, GFP_KERNEL)?;
    Ok(())
}

impl kernel::Module for Demo {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut v = KVec::new();
        setup(&mut v)?;
        Ok(Demo { v })
    }
}
