use core::{mem, ptr, sync::atomic::{AtomicUsize, Ordering}};

static N: AtomicUsize = AtomicUsize::new(0);
