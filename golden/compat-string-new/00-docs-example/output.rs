fn names() {
    let mut name = KString::try_from("guest")?;
    let empty = KString::new();
}
