fn main() {
    pr_info!["square {}\n", 1];
    pr_info! {"curly {}\n", 2}
}
