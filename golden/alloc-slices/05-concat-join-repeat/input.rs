fn f(parts: &[Vec<u8>], words: Vec<&str>) {
    let all = parts.concat();
    let line = words.join(", ");
    let bar = "-".repeat(10);
    let t = std::thread::spawn(|| 1).join();
}

fn bar(count: usize) {
    println!("[{}]", "#".repeat(count));
}
