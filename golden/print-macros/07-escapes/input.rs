fn main() {
    println!("tab\there \"quoted\" {{braces}} \u{1F600}");
    println!("already ends with newline\n");
}
