fn show(v: Option<u32>, buf: &[u8], n: usize) {
    println!("value {}", v.unwrap());
    pr_info!("first {} avg {}\n", buf[0], buf.len() / n);
    kernel::pr_warn!("{:?}", vec![v.expect("set"), 1]);
}
