// This file has a `Map` of its own: its `HashMap` stays as written (std-paths reports it).
use std::collections::HashMap;

struct Map {
    cells: Vec<u8>,
}

fn lookup(m: &Map, index: &HashMap<u32, usize>) -> u8 {
    m.cells[index[&0]]
}
