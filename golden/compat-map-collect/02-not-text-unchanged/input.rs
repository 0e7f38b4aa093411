fn main() {
    let xs = vec![1, 2, 3];
    let lens: Vec<usize> = xs.iter().map(|i| i.to_string().len()).collect();
    let doubled: Vec<i32> = xs.iter().map(|i| i * 2).collect();
    let joined: String = xs.iter().map(|i| i.to_string()).collect();
    let pairs: Vec<String> = xs.iter().map(|i| format!("{}", i)).collect();
}
