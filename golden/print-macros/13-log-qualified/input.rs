fn main() {
    log::info!("qualified info");
    log::warn!(target: "net", "link down");
}
