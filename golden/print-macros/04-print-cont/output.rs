fn row(cells: &[u8]) {
    for c in cells {
        kernel::pr_cont!("{} ", c);
    }
    pr_info!("\n");
}
