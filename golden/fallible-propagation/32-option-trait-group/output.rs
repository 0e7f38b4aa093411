// A crate trait's method returning `Option` changes with every impl, even those that do not allocate.
trait Lookup {
    fn find(&mut self, key: u32) -> Result<Option<usize>>;

    fn has(&mut self, key: u32) -> Result<bool> {
        Ok(self.find(key)?.is_some())
    }
}

struct Growing {
    keys: KVec<u32>,
}

impl Lookup for Growing {
    fn find(&mut self, key: u32) -> Result<Option<usize>> {
        if let Some(i) = self.keys.iter().position(|&k| k == key) {
            return Ok(Some(i));
        }
        self.keys.push(key, GFP_KERNEL)?;
        Ok(None)
    }
}

struct Fixed {
    keys: [u32; 4],
}

impl Lookup for Fixed {
    fn find(&mut self, key: u32) -> Result<Option<usize>> {
        let Some(i) = self.keys.iter().position(|&k| k == key) else { return Ok(None) };
        Ok(Some(i))
    }
}

fn both(g: &mut Growing, f: &mut Fixed, key: u32) -> Result<Option<(usize, usize)>> {
    Ok(Some((match g.find(key)? { Some(v) => v, None => return Ok(None) }, match f.find(key)? { Some(v) => v, None => return Ok(None) })))
}
