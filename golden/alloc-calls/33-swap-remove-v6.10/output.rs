struct Pool {
    free: Vec<u32>,
}

impl Pool {
    fn drop_slot(&mut self, i: usize) {
        self.free.swap_remove(i);
    }
}

fn prune(v: &mut Vec<u32>, i: usize, last: usize) -> u32 {
    if i < v.len() {
        v.swap_remove(i);
    }
    // `last` is the caller's: the block's own binding must not capture it.
    v.swap_remove(last);
    // The removed element is used: reported.
    let x = v.swap_remove(0);
    x
}

fn other(rows: &mut Vec<Vec<u32>>, k: usize, d: &mut std::collections::VecDeque<u32>) {
    // Not a plain variable or field: reported.
    rows[k].swap_remove(0);
    // Not a Vec: left alone.
    d.swap_remove_back(0);
}
