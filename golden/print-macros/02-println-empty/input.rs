fn main() {
    println!();
}
