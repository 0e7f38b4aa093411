fn warn() {
    pr_err!("warning: ");
    pr_err!("disk almost full\n");
}
