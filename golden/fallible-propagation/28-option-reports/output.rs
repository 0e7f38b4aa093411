struct Words {
    left: usize,
}

impl Iterator for Words {
    type Item = KVec<u8>;

    // `Iterator::next` cannot return `Result<Option<..>>`.
    fn next(&mut self) -> Option<KVec<u8>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let mut w = KVec::new();
        w.push(b'a', GFP_KERNEL)?;
        Some(w)
    }
}

// `?` on an `Option` inside a macro's arguments: no early return can go there.
fn shout(v: &mut KVec<u8>, xs: &[u8]) -> Option<u8> {
    pr_info!("{}\n", xs.first()?);
    v.push(xs[0], GFP_KERNEL)?;
    Some(xs[0])
}

// A closure that returns `Option` cannot pass the failure on, and it never becomes `None`.
fn boxes(xs: &[u32]) -> usize {
    xs.iter()
        .filter_map(|x| {
            let b = KBox::new(*x, GFP_KERNEL)?;
            Some(*b)
        })
        .count()
}

// A function that now returns `Result<Option<..>>`, passed as a value.
fn keep(x: &u32) -> Result<Option<KBox<u32>>> {
    Ok(Some(KBox::new(*x, GFP_KERNEL)?))
}

fn all_kept(xs: &[u32]) -> usize {
    xs.iter().filter_map(keep).count()
}
