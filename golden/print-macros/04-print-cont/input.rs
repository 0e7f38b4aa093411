fn row(cells: &[u8]) {
    for c in cells {
        print!("{} ", c);
    }
    println!();
}
