// The crate's own `Vec` (a 2-D vector) is not std's.
#[derive(Clone, Copy)]
struct Vec {
    x: i32,
    y: i32,
}

fn add(a: Vec, b: Vec) -> Vec {
    Vec { x: a.x + b.x, y: a.y + b.y }
}

fn boxed() -> KBox<Vec> {
    todo!()
}
