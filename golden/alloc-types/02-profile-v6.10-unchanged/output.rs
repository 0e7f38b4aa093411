struct Board {
    cells: Vec<u8>,
    next: Option<Box<Board>>,
}

fn f() -> Vec<u8> {
    Vec::new()
}
