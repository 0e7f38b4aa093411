use kernel::sync::Arc;
use std::sync::{Mutex, mpsc};
use core::sync::atomic::{AtomicBool, Ordering};

struct Shared { flag: AtomicBool, data: Arc<Mutex<u32>> }

fn f(s: &Shared) -> bool { s.flag.load(Ordering::Relaxed) }
