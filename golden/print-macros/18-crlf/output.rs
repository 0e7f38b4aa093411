fn main() {
    pr_info!("crlf file\n");
}
