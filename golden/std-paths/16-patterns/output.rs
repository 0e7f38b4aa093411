use core::cmp::Ordering;

fn f(o: Ordering, x: Option<u8>) -> u8 {
    match (o, x) {
        (core::cmp::Ordering::Less, core::option::Option::Some(v)) => v,
        (_, Some(core::u8::MAX)) => 0,
        _ => 1,
    }
}
