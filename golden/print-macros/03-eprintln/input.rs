fn fail(code: i32) {
    eprintln!("failed with {code}");
}
