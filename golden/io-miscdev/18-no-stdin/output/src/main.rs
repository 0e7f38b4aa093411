fn main() {
    let mut n: u32 = 0;
    for i in 0..3 {
        n += i;
        println!("{}", n);
    }
}
