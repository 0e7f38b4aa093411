fn main() {
    println!(r"C:\temp\{}", 1);
    println!(r#"say "hi""#);
}
