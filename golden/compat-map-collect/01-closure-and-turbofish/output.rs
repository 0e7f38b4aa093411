struct Point {
    x: i32,
}

fn labels(points: &[Point]) -> Vec<String> {
    let xs = points.iter().map(|p| { p.x.to_kstring() }).try_collect_ok(GFP_KERNEL)?;
    xs
}

fn main() {
    let names: Vec<String> = ["a", "b"].iter().map(|s| s.to_kstring()).try_collect_ok(GFP_KERNEL)?;
}
