fn main() {
    pr_info!("old kernel\n");
}
