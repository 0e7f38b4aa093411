#[derive(Debug, Clone)]
struct Board {
    cells: Vec<u8>,
}

#[derive(Clone)]
struct Cursor<'a> {
    cells: &'a Vec<u8>,
}

#[derive(Clone)]
struct Wrapper(Box<u32>);
