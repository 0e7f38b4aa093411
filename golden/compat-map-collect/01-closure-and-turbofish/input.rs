struct Point {
    x: i32,
}

fn labels(points: &[Point]) -> Vec<String> {
    let xs = points.iter().map(|p| { p.x.to_string() }).collect::<Vec<String>>();
    xs
}

fn main() {
    let names: Vec<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
}

fn words(xs: &[u8]) {
    let list: Vec<String> = xs.iter().map(ToString::to_string).collect();
    let again = xs.iter().map(std::string::ToString::to_string).collect::<Vec<String>>();
}
