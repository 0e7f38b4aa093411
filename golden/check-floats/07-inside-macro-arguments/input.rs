fn show(x: u32) {
    println!("{} {}", x as f64 / 2.0, (x as f32).sqrt());
}
