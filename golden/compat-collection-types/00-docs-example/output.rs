
fn tally(words: &[&str]) -> usize {
    let mut counts: Map<&str, u32> = Map::new();
    let mut queue = Deque::with_capacity(8, GFP_KERNEL)?;
    for w in words {
        queue.push_back(*w);
    }
    counts.len() + queue.len()
}
