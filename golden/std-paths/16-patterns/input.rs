use std::cmp::Ordering;

fn f(o: Ordering, x: Option<u8>) -> u8 {
    match (o, x) {
        (std::cmp::Ordering::Less, std::option::Option::Some(v)) => v,
        (_, Some(std::u8::MAX)) => 0,
        _ => 1,
    }
}
