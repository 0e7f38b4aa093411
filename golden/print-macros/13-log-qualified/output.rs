fn main() {
    pr_info!("qualified info\n");
    log::warn!(target: "net", "link down");
}
