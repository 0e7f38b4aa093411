use core::sync::atomic::{AtomicU32, Ordering};

static OPENS: AtomicU32 = AtomicU32::new(0);

fn open(counter: &mut u32) {
    let mut local = 1;
    local += 1;
    *counter += local;
    OPENS.fetch_add(1, Ordering::Relaxed);
}
