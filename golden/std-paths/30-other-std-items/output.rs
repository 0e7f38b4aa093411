use core::borrow::Borrow;
use std::borrow::Cow;
use std::error::Error;
use core::hash::{Hash, Hasher};
use std::hash::DefaultHasher;

fn f() -> Result<(), Box<dyn std::error::Error>> {
    let _ = std::panic::catch_unwind(|| {});
    let _ = std::foo::bar();
    Ok(())
}
