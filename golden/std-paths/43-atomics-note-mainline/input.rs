use std::sync::atomic::{AtomicU32, Ordering};

static HITS: AtomicU32 = AtomicU32::new(0);

fn hit() -> u32 {
    HITS.fetch_add(1, Ordering::Relaxed)
}
