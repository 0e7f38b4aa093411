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

fn words(xs: &[u8]) {
    let list: Vec<String> = xs.iter().map(|item| item.to_kstring()).try_collect_ok(GFP_KERNEL)?;
    let again = xs.iter().map(|item| item.to_kstring()).try_collect_ok(GFP_KERNEL)?;
}
