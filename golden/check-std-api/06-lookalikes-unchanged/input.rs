// Names that look like std APIs but are not: a crate type with its own
// `push_str`, `repeat` and `or_insert`, a user type named `HashMap`, and
// `char::to_lowercase` (core; it returns an iterator, not a String).
struct Text {
    len: usize,
}

impl Text {
    fn push_str(&mut self, s: &str) {
        self.len += s.len();
    }
    fn repeat(&self, n: usize) -> usize {
        self.len * n
    }
}

struct Slot(u32);
struct Map;
impl Map {
    fn entry(&mut self, _k: u32) -> Slot {
        Slot(0)
    }
}
impl Slot {
    fn or_insert(self, v: u32) -> u32 {
        self.0 + v
    }
}

struct HashMap {
    n: u32,
}
impl HashMap {
    fn new() -> Self {
        HashMap { n: 0 }
    }
    fn insert(&mut self, k: u32, _v: u32) {
        self.n += k;
    }
}

fn use_them(t: &mut Text, m: &mut Map, line: &str) -> usize {
    t.push_str("abc");
    let r = t.repeat(2);
    let x = m.entry(1).or_insert(2);
    let mut h = HashMap::new();
    h.insert(1, 2);
    let mut n = 0;
    for c in line.chars() {
        n += c.to_lowercase().count();
    }
    let first = line.chars().next().map(|c| c.to_uppercase().next());
    let k = 'a'.to_uppercase();
    let lowered: usize = line.chars().flat_map(|c| c.to_lowercase()).count();
    r + x as usize + n + lowered + k.count() + first.is_some() as usize
}
