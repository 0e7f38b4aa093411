fn main() {
    pr_info!("qualified\n");
    pr_err!("fully qualified\n");
}
