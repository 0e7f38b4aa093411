fn main() { pr_info!("hi\n"); }
