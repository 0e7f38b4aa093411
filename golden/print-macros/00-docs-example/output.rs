fn report(score: u32) {
    pr_info!("score: {}\n", score);
    pr_err!("C:\\path\n");
}
