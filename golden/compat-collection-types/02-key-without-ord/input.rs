use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Hash, PartialEq, Eq)]
struct Pos {
    x: i32,
    y: i32,
}

#[derive(Hash, PartialEq, Eq, PartialOrd)]
enum Dir {
    North,
    South,
}

#[derive(Hash, PartialEq, Eq, PartialOrd, Ord)]
struct Id(u32);

#[derive(Hash, PartialEq, Eq)]
struct Manual(u8);

impl PartialOrd for Manual {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Manual {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

struct World {
    seen: HashSet<Pos>,
    exits: HashMap<Dir, u32>,
    names: HashMap<Id, u32>,
    manual: HashSet<Manual>,
    again: HashSet<Pos>,
}
