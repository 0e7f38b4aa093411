
struct Counter {
    counts: Map<u32, u32>,
    groups: Map<u8, Vec<u32>>,
}

impl Counter {
    fn add(&mut self, word: u32) {
        *self.counts.entry(word).or_insert(0, GFP_KERNEL)? += 1;
        self.counts.entry(word + 1).and_modify(|n| *n += 1).or_insert_with(|| 7, GFP_KERNEL)?;
        self.groups.entry((word % 7) as u8).or_default(GFP_KERNEL)?.push(word);
        let old = self.counts.insert(word, 1, GFP_KERNEL)?;
        println!("{:?} {}", old, self.counts.len());
    }
}

fn queue(seen: &mut Set<u8>) {
    let mut q = Deque::new();
    q.push_back(1u8, GFP_KERNEL)?;
    q.push_front(0, GFP_KERNEL)?;
    while let Some(x) = q.pop_front() {
        if seen.insert(x, GFP_KERNEL)? {
            q.push_back(x + 1, GFP_KERNEL,)?;
        }
    }
}
