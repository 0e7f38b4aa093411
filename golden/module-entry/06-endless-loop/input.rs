fn serve() {}

fn main() {
    pr_info!("serving\n");
    loop {
        serve();
    }
}
