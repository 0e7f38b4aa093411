// Macro arguments are code: the calls inside them are reported too.
struct Dev {
    name: String,
}

fn show(d: &Dev, word: &str) {
    let label = String::new();
    pr_info!("{} {}\n", d.name.clone(), word.to_uppercase());
    pr_info!("{}\n", label.clone());
    let v = kernel::kvec![word.replace("-", "_"), word.to_lowercase()];
    assert_eq!(word.to_owned(), "x");
}
