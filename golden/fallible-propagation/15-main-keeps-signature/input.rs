fn setup(v: &mut KVec<u8>) {
    v.push(1, GFP_KERNEL)?;
}

fn main() {
    let mut v = KVec::new();
    setup(&mut v);
    pr_info!("{}\n", v.len());
}
