fn show(x: u32) {
    println!("{}", format!("<{}>", x));
    pr_info!("{}\n", x.to_string());
}
