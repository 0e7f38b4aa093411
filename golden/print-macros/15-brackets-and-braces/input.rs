fn main() {
    println!["square {}", 1];
    println! {"curly {}", 2}
}
