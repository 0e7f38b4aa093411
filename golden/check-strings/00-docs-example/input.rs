fn label(id: u32) -> String {
    format!("dev{}", id)
}
