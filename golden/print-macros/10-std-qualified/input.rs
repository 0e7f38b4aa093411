fn main() {
    std::println!("qualified");
    ::std::eprintln!("fully qualified");
}
