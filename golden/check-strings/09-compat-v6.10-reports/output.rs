// v6.10 has no `KString` (its vector is alloc's `Vec`): everything stays reported.
struct Device {
    name: String,
}

fn label(d: &Device, n: u32) -> String {
    format!("{}{}", d.name, n.to_string())
}

fn lossy(b: &[u8]) -> usize {
    String::from_utf8_lossy(b).len()
}

fn show<T: ToString>(x: T) -> usize {
    x.to_string().len()
}
