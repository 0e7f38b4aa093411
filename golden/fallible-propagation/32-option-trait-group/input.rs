// A crate trait's method returning `Option` changes with every impl, even those that do not allocate.
trait Lookup {
    fn find(&mut self, key: u32) -> Option<usize>;

    fn has(&mut self, key: u32) -> bool {
        self.find(key).is_some()
    }
}

struct Growing {
    keys: KVec<u32>,
}

impl Lookup for Growing {
    fn find(&mut self, key: u32) -> Option<usize> {
        if let Some(i) = self.keys.iter().position(|&k| k == key) {
            return Some(i);
        }
        self.keys.push(key, GFP_KERNEL)?;
        None
    }
}

struct Fixed {
    keys: [u32; 4],
}

impl Lookup for Fixed {
    fn find(&mut self, key: u32) -> Option<usize> {
        let i = self.keys.iter().position(|&k| k == key)?;
        Some(i)
    }
}

fn both(g: &mut Growing, f: &mut Fixed, key: u32) -> Option<(usize, usize)> {
    Some((g.find(key)?, f.find(key)?))
}
