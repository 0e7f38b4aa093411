fn main() {
    println!("first line
second line {}", 2);
    println!("continued \
              on the next line");
}
