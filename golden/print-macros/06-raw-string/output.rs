fn main() {
    pr_info!("C:\\temp\\{}\n", 1);
    pr_info!("say \"hi\"\n");
}
