use std::sync::{Arc, Mutex, atomic::{AtomicBool, Ordering}, mpsc};

struct Shared { flag: AtomicBool, data: Arc<Mutex<u32>> }

fn f(s: &Shared) -> bool { s.flag.load(Ordering::Relaxed) }
