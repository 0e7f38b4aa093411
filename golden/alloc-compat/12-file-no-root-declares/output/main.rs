fn main() {
    println!("no module declares orphan.rs");
}
