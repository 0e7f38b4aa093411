// Receivers that are not a compat collection keep their calls: a Vec, a crate type
// with the same method names, one of unknown type; and tests are left alone.
use std::collections::HashMap;

struct Registry {
    slots: Vec<u8>,
}

impl Registry {
    fn insert(&mut self, k: u8, v: u8) -> bool {
        self.slots.push(k ^ v);
        true
    }
}

fn use_them(r: &mut Registry, v: &mut Vec<u8>, thing: &mut Thing) {
    r.insert(1, 2);
    v.insert(0, 1);
    thing.insert(3, 4);
    thing.push_back(5);
    let mut m: HashMap<u8, u8> = HashMap::new();
    m.insert(1, 1);
}

#[test]
fn in_tests() {
    let mut m: HashMap<u8, u8> = HashMap::new();
    m.insert(1, 2);
}
