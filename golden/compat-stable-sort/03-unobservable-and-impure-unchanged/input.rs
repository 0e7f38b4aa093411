struct Rectangle {
    width: u32,
}

fn rank(r: &Rectangle) -> u32 {
    r.width
}

fn main() {
    let mut xs: Vec<u32> = Vec::new();
    xs.sort();
    xs.sort_by(|a, b| b.cmp(a));
    let mut list = [Rectangle { width: 10 }, Rectangle { width: 3 }];
    let mut num_sort_operations = 0;
    list.sort_by_key(|r| {
        num_sort_operations += 1;
        r.width
    });
    list.sort_by_key(rank);
    list.sort_by_key(|r| rank(r));
    list.sort_by_cached_key(|r| r.width);
}
