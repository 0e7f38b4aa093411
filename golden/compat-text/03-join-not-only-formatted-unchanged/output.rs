fn main() {
    let words = vec!["a", "b"];
    let kept = words.join(", ");
    println!("{:>12}|", words.join(", "));
    println!("{:?}", words.join(", "));
    println!("{}", kept);
    let v = [[1, 2], [3, 4]];
    let flat = v.join(&0);
    let stars = [1, 2].repeat(3);
}
