struct Pool {
    free: Vec<u32>,
}

impl Pool {
    fn drop_slot(&mut self, i: usize) {
        {
            let last = self.free.len() - 1;
            self.free.swap(i, last);
            self.free.pop();
        }
    }
}

fn prune(v: &mut Vec<u32>, i: usize, last: usize) -> u32 {
    if i < v.len() {
        {
            let last = v.len() - 1;
            v.swap(i, last);
            v.pop();
        }
    }
    // `last` is the caller's: the block's own binding must not capture it.
    {
        let last_ = v.len() - 1;
        v.swap(last, last_);
        v.pop();
    }
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
