fn main() {
    pr_info!("tab\there \"quoted\" {{braces}} \u{1F600}\n");
    pr_info!("already ends with newline\n\n");
}
