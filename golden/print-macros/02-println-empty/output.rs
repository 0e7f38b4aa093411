fn main() {
    pr_info!("\n");
}
