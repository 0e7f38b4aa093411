#[derive(Clone, Copy)]
struct Table {
    rows: [u32; 4],
}

fn lookup(t: &Table, i: usize) -> Option<u32> {
    let arr: [u8; 2] = [1, 2];
    let first = t.rows.get(i).copied();
    let _ = arr.first();
    first
}
