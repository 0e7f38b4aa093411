struct Board { cells: Vec<u8>, next: Option<Box<Board>> }
fn empty() -> Vec<u8> { Vec::new() }
