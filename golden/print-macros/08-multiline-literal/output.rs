fn main() {
    pr_info!("first line
second line {}\n", 2);
    pr_info!("continued \
              on the next line\n");
}
