fn report(score: u32) {
    println!("score: {}", score);
    eprintln!(r"C:\path");
}
