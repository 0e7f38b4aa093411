fn main() {
    let doubled: Vec<u32> = [1u32, 2, 3].iter().map(|x| x * 2).collect();
    println!("{:?}", doubled);
}
