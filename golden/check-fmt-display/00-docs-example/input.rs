fn main() {
    let b = Box::new(5);
    println!("b = {b}");
}
