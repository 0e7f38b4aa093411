fn record(counts: &mut Map<u32, u32>, seen: &mut Set<u32>, queue: &mut Deque<u32>, word: u32, pos: u32, job: u32) {
    *counts.entry(word).or_insert(0, GFP_KERNEL)? += 1;
    seen.insert(pos, GFP_KERNEL)?;
    queue.push_back(job, GFP_KERNEL)?;
}
