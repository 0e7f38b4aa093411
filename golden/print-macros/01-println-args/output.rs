fn main() {
    let x = 3;
    pr_info!("x = {}\n", x);
}
