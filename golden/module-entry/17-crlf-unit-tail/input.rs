fn main() {
    pr_info!("crlf\n");
    work()
}

fn work() {}
