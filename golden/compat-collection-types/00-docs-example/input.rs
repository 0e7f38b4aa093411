use std::collections::{HashMap, VecDeque};

fn tally(words: &[&str]) -> usize {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    let mut queue = VecDeque::with_capacity(8);
    for w in words {
        queue.push_back(*w);
    }
    counts.len() + queue.len()
}
