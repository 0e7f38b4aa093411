struct S;
use core::fmt;
use std::sync;
use std::io;

impl fmt::LowerHex for S {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { fmt::Binary::fmt(&1u8, f) }
}
fn g(a: kernel::sync::Arc<u8>, m: sync::Mutex<u8>) { let _ = io::stdin(); let _ = core::sync::atomic::AtomicU8::new(0); }
