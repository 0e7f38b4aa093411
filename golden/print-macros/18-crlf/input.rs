fn main() {
    println!("crlf file");
}
