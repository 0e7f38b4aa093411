use std::collections::{BTreeSet, HashMap, VecDeque};

struct Counter {
    counts: HashMap<u32, u32>,
    groups: HashMap<u8, Vec<u32>>,
}

impl Counter {
    fn add(&mut self, word: u32) {
        *self.counts.entry(word).or_insert(0) += 1;
        self.counts.entry(word + 1).and_modify(|n| *n += 1).or_insert_with(|| 7);
        self.groups.entry((word % 7) as u8).or_default().push(word);
        let old = self.counts.insert(word, 1);
        println!("{:?} {}", old, self.counts.len());
    }
}

fn queue(seen: &mut BTreeSet<u8>) {
    let mut q = VecDeque::new();
    q.push_back(1u8);
    q.push_front(0);
    while let Some(x) = q.pop_front() {
        if seen.insert(x) {
            q.push_back(x + 1,);
        }
    }
}
