fn f() {
    kernel::pr_cont!("x");
}
