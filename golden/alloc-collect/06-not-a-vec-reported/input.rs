use std::collections::HashMap;

fn parse(items: &[&str]) {
    let s: String = items.iter().map(|s| s.to_uppercase()).collect();
    let m = items.iter().enumerate().collect::<HashMap<_, _>>();
    let r: Result<Vec<u32>, ()> = items.iter().map(|s| s.parse().map_err(|_| ())).collect();
}
