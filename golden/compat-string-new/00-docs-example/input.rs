fn names() {
    let mut name = String::from("guest");
    let empty = String::new();
}
