// Indexing that cannot be out of bounds, as the code around it shows: no note.
fn deltas(v: &[u32]) -> u32 {
    let mut up = 0;
    for w in v.windows(2) {
        if w[1] > w[0] {
            up += w[1] - w[0];
        }
    }
    let sorted = v.windows(2).all(|w| w[0] <= w[1]);
    let pairs = v.chunks_exact(2).map(|p| p[0] + p[1]).sum::<u32>();
    let rising = v.windows(3).rev().filter(|w| w[0] < w[2]).count() as u32;
    up + pairs + rising + sorted as u32
}

fn scan(v: &[u8], mut i: usize) -> usize {
    if i < v.len() {
        pr_info!("{}\n", v[i]);
    }
    while i < v.len() && v[i] == b' ' {
        i += 1;
    }
    if v.len() > i + 1 && v[i + 1] == b'=' {
        return i;
    }
    if !v.is_empty() {
        return v[0] as usize;
    }
    i
}

fn sums(v: &[u32]) -> u32 {
    let mut s = 0;
    for i in 0..v.len() {
        s += v[i];
    }
    for i in 1..v.len() {
        s += v[i] - v[i - 1];
    }
    for i in 0..v.len() - 1 {
        s += v[i + 1];
    }
    s
}

fn first(v: &[u32]) -> u32 {
    if v.is_empty() {
        return 0;
    }
    v[0]
}

fn at(v: &[u32], i: usize) -> Option<u32> {
    if i >= v.len() {
        return None;
    }
    Some(v[i])
}

struct Ring {
    items: [u32; 8],
    len: usize,
}

impl Ring {
    fn get(&self, i: usize) -> u32 {
        if i < self.items.len() {
            self.items[i]
        } else {
            0
        }
    }
}
