struct Device {
    name: String,
}

fn make() -> Device {
    let mut name = String::new();
    name.push_str("eth0");
    Device { name }
}

fn lossy(b: &[u8]) -> usize {
    String::from_utf8_lossy(b).len()
}
