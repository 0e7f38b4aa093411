fn main() {
    pr_info!("{}\n", dice::roll());
}
