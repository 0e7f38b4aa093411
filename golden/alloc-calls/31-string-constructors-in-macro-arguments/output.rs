// String constructors inside macro arguments are code too: reported once each.
fn names() {
    let v = vec![String::from("a"), String::new()];
    println!("{}", String::from_utf8(bytes()).unwrap());
}

#[test]
fn in_test() {
    assert_eq!(String::from("a"), "a");
}
