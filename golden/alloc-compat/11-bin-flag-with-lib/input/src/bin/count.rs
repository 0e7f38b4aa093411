fn main() {
    let odd: Vec<u32> = (0..5u32).filter(|x| x % 2 == 1).collect();
    println!("{:?}", odd);
}
