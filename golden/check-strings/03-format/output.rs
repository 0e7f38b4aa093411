fn label(id: u32) -> usize {
    let s = format!("dev{}", id);
    s.len()
}
