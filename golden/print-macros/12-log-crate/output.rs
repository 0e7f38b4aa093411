
fn main() {
    pr_info!("starting {}\n", 1);
    pr_warn!("low memory\n");
    pr_err!("failed: {}\n", 2);
    pr_debug!("state = {:?}\n", 3);
    pr_debug!("tick\n");
}
