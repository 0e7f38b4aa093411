struct Board {
    cells: Vec<u8>,
    next: Option<Box<Board>>,
}

fn f(v: &mut Vec<u8>, b: Box<dyn Fn(u8) -> u8>) -> Vec<Box<u32>> {
    let e: Vec<Box<u32>> = Vec::new();
    let t = Vec::<u8>::new();
    let n = std::mem::size_of::<Vec<u8>>();
    let p = &e as &Vec<Box<u32>>;
    e
}

impl From<Board> for Vec<u8> {
    fn from(b: Board) -> Vec<u8> {
        b.cells
    }
}
