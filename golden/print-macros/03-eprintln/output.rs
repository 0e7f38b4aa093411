fn fail(code: i32) {
    pr_err!("failed with {code}\n");
}
