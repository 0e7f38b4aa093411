struct Table {
    names: KVec<KVec<u8>>,
}

impl Table {
    /// The index of `name`, adding it when it is new.
    fn intern(&mut self, name: &[u8]) -> Result<Option<usize>> {
        if name.is_empty() {
            return Ok(None);
        }
        if let Some(i) = self.names.iter().position(|n| n.as_slice() == name) {
            return Ok(Some(i));
        }
        let mut copy = KVec::with_capacity(name.len(), GFP_KERNEL)?;
        copy.extend_from_slice(name, GFP_KERNEL)?;
        self.names.push(copy, GFP_KERNEL)?;
        Ok(Some(self.names.len() - 1))
    }

    /// A copy of the last name, as long as the longest one.
    fn padded_last(&self) -> Result<Option<KVec<u8>>> {
        let n = (match self.names.iter().max_by_key(|n| n.len()) { Some(v) => v, None => return Ok(None) }).len();
        let mut c = KVec::with_capacity(n, GFP_KERNEL)?;
        c.extend_from_slice(match self.names.last() { Some(v) => v, None => return Ok(None) }, GFP_KERNEL)?;
        while c.len() < n {
            c.push(b' ', GFP_KERNEL)?;
        }
        Ok(Some(c))
    }

    /// The first or the last name, copied.
    fn end_copy(&self, last: bool) -> Result<Option<KVec<u8>>> {
        let mut c = KVec::new();
        c.extend_from_slice(match if last { self.names.last() } else { self.names.first() } { Some(v) => v, None => return Ok(None) }, GFP_KERNEL)?;
        let first = match { self.names.first() } { Some(v) => v, None => return Ok(None) };
        c.push(first.len() as u8, GFP_KERNEL)?;
        Ok(Some(c))
    }

    fn first_len(&self) -> Option<usize> {
        Some(self.names.first()?.len())
    }
}

/// Parses "key=value", interning the key.
fn parse(t: &mut Table, line: &[u8]) -> Result<Option<(usize, u32)>> {
    let Some(eq) = line.iter().position(|&b| b == b'=') else { return Ok(None) };
    let Some(key): Option<usize> = t.intern(&line[..eq])? else { return Ok(None) };
    let Some(value) = digits(&line[eq + 1..]) else { return Ok(None) };
    match value {
        0 => Ok(None),
        v if v > 1000 => return Ok(None),
        v => Ok(Some((key, v))),
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    let mut n: u32 = 0;
    for &b in s {
        n = n.checked_mul(10)?.checked_add((b as char).to_digit(10)?)?;
    }
    if s.is_empty() { None } else { Some(n) }
}

fn count_known(t: &mut Table, lines: &[&[u8]]) -> Result<usize> {
    let mut n = 0;
    for line in lines {
        if let Some((k, _)) = parse(t, line)? {
            n += k;
        }
        if parse(t, line)?.is_some() {
            n += 1;
        }
        n += parse(t, line)?.map(|(k, _)| k).unwrap_or(0);
        let _ = parse(t, line)?;
    }
    Ok(n)
}

fn is_new(t: &mut Table, name: &[u8]) -> Result<bool> {
    let before = t.names.len();
    match t.intern(name)? {
        Some(i) => Ok(i == before),
        None => Ok(false),
    }
}

fn index_or_minus_one(t: &mut Table, name: &[u8]) -> Result<i64> {
    match t.intern(name)? {
        Some(i) => Ok(i as i64),
        None => Ok(-1),
    }
}
