fn main() {
    let total: u32 = [1u32, 2, 3].iter().sum();
    println!("{}", total);
}
